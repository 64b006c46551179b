import type { Labels } from './html-labels';

/** Font stacks that cover Latin and CJK on macOS, Windows and Linux without web fonts. */
const SANS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", ' +
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", ' +
  '"Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

/** `document`: a whole page (`:root`, `body`); `shadow`: a shadow root hosted in another
 * page (`:host`), e.g. the dashboard. */
export type CssScope = 'document' | 'shadow';

/**
 * Stylesheet of the storyboard page, with the CSS-generated labels in the page's language;
 * per-character colours are appended by the renderer.
 */
export function storyboardCss(
  t: Pick<Labels, 'location' | 'art'>,
  scope: CssScope = 'document',
): string {
  const root = scope === 'document' ? ':root' : ':host';
  const page = scope === 'document' ? 'body' : ':host';
  const display = scope === 'document' ? '' : 'display:block;';
  return `
${root}{--ink:#17171f;--paper:#efebe2;--muted:#686874;--line:#d6cfbf;--c:#686874}
*{box-sizing:border-box}
html{scroll-behavior:smooth}
${page}{${display}margin:0;background:var(--paper);color:var(--ink);font:15px/1.5 ${SANS};overflow-wrap:anywhere}
a{color:inherit}
.site-header{background:var(--ink);color:#fff;padding:28px 32px 22px}
.site-header h1{margin:0;font-size:32px;line-height:1.2;letter-spacing:.01em}
.kicker{margin:0 0 4px;font-size:12px;font-weight:700;letter-spacing:.14em;text-transform:uppercase;color:#f5c542}
.meta{margin:6px 0 0;color:#c4c4d2;font-size:13px}
.stats{display:flex;flex-wrap:wrap;gap:8px;list-style:none;margin:14px 0 0;padding:0}
.stats li{background:#2b2b39;border-radius:999px;padding:3px 12px;font-size:13px;color:#c4c4d2}
.stats b{color:#fff;font-variant-numeric:tabular-nums}
.layout{display:grid;grid-template-columns:230px minmax(0,1fr);gap:28px;max-width:1440px;margin:0 auto;padding:24px}
.toc{position:sticky;top:16px;align-self:start;max-height:calc(100vh - 32px);overflow:auto;background:#fff;border:2px solid var(--ink);border-radius:6px;padding:12px 10px}
.toc h2{margin:0 0 8px 6px;font-size:12px;letter-spacing:.12em;text-transform:uppercase}
.toc ol{list-style:none;margin:0;padding:0}
.toc a{display:flex;gap:8px;padding:4px 6px;border-radius:4px;text-decoration:none;font-size:14px;line-height:1.35}
.toc a:hover,.toc a:focus{background:#f3efe4}
.toc .num{flex:none;min-width:1.8em;color:var(--muted);font-variant-numeric:tabular-nums;text-align:right}
.section-title{margin:0 0 12px;font-size:13px;letter-spacing:.12em;text-transform:uppercase}
.legend{margin:0 0 36px}
.legend ul{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:10px;list-style:none;margin:0;padding:0}
.legend li{background:#fff;border:2px solid var(--ink);border-left:10px solid var(--c);border-radius:4px;padding:8px 12px}
.legend .name{display:block;font-weight:800;color:var(--c)}
.legend .aliases,.legend .mentions{display:block;font-size:12px;color:var(--muted)}
.chapter{margin:0 0 44px;scroll-margin-top:16px}
.chapter-title{display:flex;align-items:baseline;gap:12px;margin:0 0 16px;padding-bottom:8px;border-bottom:4px solid var(--ink);font-size:26px;line-height:1.25}
.chapter-title .num{flex:none;background:var(--ink);color:#fff;border-radius:3px;padding:2px 10px;font-size:14px;letter-spacing:.08em;text-transform:uppercase}
.to-top{margin-left:auto;font-size:12px;font-weight:400;color:var(--muted);text-decoration:none;white-space:nowrap}
.page{background:#fff;border:1px solid var(--line);box-shadow:0 3px 10px rgba(0,0,0,.08);padding:18px 20px 22px;margin:0 0 28px;scroll-margin-top:16px}
.scene-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:6px 14px;margin:0 0 6px}
.scene-head h3{margin:0;font-size:17px}
.location{padding:0 8px;border:1px solid var(--line);border-radius:4px;background:#f8f5ee;font-size:13px;color:#4a4a55}
.location::before{content:"${t.location}";margin-right:6px;font-size:10px;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
.summary{margin:0 0 10px;color:#3a3a45;font-size:14px}
.scene-cast{display:flex;flex-wrap:wrap;gap:4px;margin:0 0 14px}
.grid{display:grid;grid-template-columns:repeat(6,minmax(0,1fr));gap:12px}
.w2{grid-column:span 2}.w3{grid-column:span 3}.w4{grid-column:span 4}.w6{grid-column:span 6}
.panel{position:relative;display:flex;flex-direction:column;gap:12px;min-height:230px;margin:0;padding:34px 12px 10px;background:#fff;border:3px solid var(--ink)}
.shot{position:absolute;top:0;left:0;padding:3px 9px 3px 8px;background:var(--ink);color:#fff;font-size:11px;font-weight:700;letter-spacing:.06em;text-transform:uppercase}
.shot abbr{text-decoration:none;color:#f5c542;margin-right:5px}
.shot-establishing .shot,.shot-wide .shot{background:#1f4e79}
.shot-close-up .shot,.shot-extreme-close-up .shot{background:#8e2a2a}
.shot-insert .shot{background:#5b4a1e}
.pno{position:absolute;top:2px;right:8px;font-size:11px;color:var(--muted);font-variant-numeric:tabular-nums}
.caption{align-self:flex-start;max-width:100%;margin:0;padding:6px 10px;background:#fff3bf;border:2px solid var(--ink);box-shadow:3px 3px 0 var(--ink);font-size:13px;line-height:1.45;white-space:pre-line}
.art{flex:1 1 auto;min-height:28px;margin:0;padding:8px 10px;border:1px dashed #b8b1a1;background:repeating-linear-gradient(135deg,#fbfaf6 0 9px,#f3f0e8 9px 18px);color:#52525c;font-size:13px;font-style:italic;white-space:pre-line}
.art:not(:empty)::before{content:"${t.art}";font-style:normal;font-weight:700;font-size:11px;letter-spacing:.06em;text-transform:uppercase}
.balloons{display:flex;flex-direction:column;gap:16px;padding-bottom:8px}
.balloon{position:relative;align-self:flex-start;max-width:88%;margin:0;padding:6px 14px 8px;background:#fff;border:2px solid var(--ink);border-radius:20px;font-size:14px;line-height:1.45}
.balloon.right{align-self:flex-end}
.balloon::before,.balloon::after{content:"";position:absolute;width:0;height:0;border-style:solid}
.balloon::before{left:20px;bottom:-13px;border-width:13px 12px 0 0;border-color:var(--ink) transparent transparent transparent}
.balloon::after{left:22px;bottom:-8px;border-width:9px 8px 0 0;border-color:#fff transparent transparent transparent}
.balloon.right::before{left:auto;right:20px;border-width:13px 0 0 12px}
.balloon.right::after{left:auto;right:22px;border-width:9px 0 0 8px}
.who{display:block;font-size:11px;font-weight:800;letter-spacing:.05em;text-transform:uppercase;color:var(--c)}
.line{display:block;white-space:pre-line}
.cast{display:flex;flex-wrap:wrap;gap:4px}
.chip{display:inline-flex;align-items:center;gap:4px;padding:0 8px;border:1px solid var(--c);border-radius:999px;background:#fff;color:var(--c);font-size:11px;font-weight:600;line-height:18px}
.chip::before{content:"";width:7px;height:7px;border-radius:50%;background:var(--c)}
.empty{margin:0;color:var(--muted);font-style:italic}
@media (max-width:900px){
.layout{grid-template-columns:minmax(0,1fr);padding:14px}
.toc{position:static;max-height:none}
.grid{grid-template-columns:minmax(0,1fr)}
.grid>.panel{grid-column:auto}
}
@media print{
${page}{background:#fff}
.toc,.to-top{display:none}
.layout{display:block;padding:0}
.page{box-shadow:none;break-inside:avoid-page}
.panel{break-inside:avoid}
}
`;
}
