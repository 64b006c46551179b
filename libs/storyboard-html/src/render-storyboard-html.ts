import type { Chapter, Language, Shot, Storyboard } from '@storyboard/domain';
import { ENGLISH_LABELS, type Labels, type ShotLabel, labelsFor } from './html-labels';
import { escapeHtml, formatCount, truncateText } from './html-text';
import type { CastMember, RenderContext } from './render-chapter';
import {
  MAX_NAV_TITLE,
  MAX_TITLE,
  UNKNOWN_CLASS,
  castMember,
  chapterTitle,
  renderChapter,
} from './render-chapter';
import { storyboardCss } from './storyboard-html.css';
import type { CssScope } from './storyboard-html.css';

export { MAX_PANEL_TEXT, panelWidths } from './render-chapter';
const MAX_ALIASES_SHOWN = 6;

/** English name of a speaker the text does not identify; see `labelsFor` for other languages. */
export const UNKNOWN_SPEAKER = ENGLISH_LABELS.unknownSpeaker;

/** English shot labels; see `labelsFor` for other languages. */
export const SHOT_LABELS: Readonly<Record<Shot, ShotLabel>> = ENGLISH_LABELS.shots;

const HTML_LANG: Readonly<Record<Language, string>> = { en: 'en', zh: 'zh', other: 'und' };

/** A rendered storyboard in pieces, for a page that hosts it (the dashboard). */
export interface StoryboardParts {
  /** The `lang` of the novel's language (`en`, `zh`, `und`). */
  lang: string;
  /** The document title (novel title and suffix). */
  documentTitle: string;
  /** Stylesheet in the novel's language, for the given scope. */
  css: string;
  /** One custom-property rule per character colour (`.c0{--c:…}`). */
  colourCss: string;
  /** Header, chapter navigation, legend and chapters: escaped, no script, no inline style. */
  body: string;
}

/**
 * The storyboard as parts: `scope: 'document'` (default) styles a whole page; `scope:
 * 'shadow'` styles a shadow root (`:host` instead of `:root` and `body`), so a host page's
 * own styles and the storyboard's never meet.
 */
export function renderStoryboardParts(
  storyboard: Storyboard,
  scope: CssScope = 'document',
): StoryboardParts {
  const t = labelsFor(storyboard.novel.language);
  const ctx: RenderContext = { out: [], cast: buildCast(storyboard), t };
  const { out } = ctx;
  const title = storyboard.novel.title.trim() || t.untitled;
  renderHeader(ctx, storyboard, title);
  const anchors = chapterAnchors(storyboard.chapters);
  out.push('<div class="layout">\n');
  renderNav(ctx, storyboard.chapters, anchors);
  out.push('<main>\n');
  renderLegend(ctx, storyboard);
  if (storyboard.chapters.length === 0) {
    out.push('<p class="empty">', escapeHtml(t.noChapters), '</p>\n');
  }
  storyboard.chapters.forEach((chapter, i) => {
    renderChapter(ctx, chapter, anchors[i] ?? `chapter-${i + 1}`);
  });
  out.push('</main>\n</div>\n');
  return {
    lang: HTML_LANG[storyboard.novel.language] ?? 'und',
    documentTitle: truncateText(title, MAX_TITLE) + t.documentTitleSuffix,
    css: storyboardCss(t, scope),
    colourCss: characterColourCss(storyboard, scope),
    body: out.join(''),
  };
}

/**
 * Renders a storyboard as one self-contained HTML page: inline CSS, no script, no external
 * resource. Output depends only on the storyboard, so the same input yields the same bytes.
 */
export function renderStoryboardHtml(storyboard: Storyboard): string {
  const parts = renderStoryboardParts(storyboard);
  return [
    '<!DOCTYPE html>\n<html lang="',
    parts.lang,
    '">\n<head>\n<meta charset="utf-8">\n',
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n`,
    '<meta name="generator" content="',
    escapeHtml(storyboard.stats.generator),
    '">\n<title>',
    escapeHtml(parts.documentTitle),
    '</title>\n<style>',
    parts.css,
    parts.colourCss,
    '</style>\n</head>\n<body id="top">\n',
    parts.body,
    '</body>\n</html>\n',
  ].join('');
}

function buildCast(storyboard: Storyboard): Map<string, CastMember> {
  const cast = new Map<string, CastMember>();
  storyboard.characters.forEach((character, i) => {
    if (!cast.has(character.id)) cast.set(character.id, { name: character.name, cls: `c${i}` });
  });
  return cast;
}

/**
 * One colour per character, by position in the character list (most mentioned first): hues step
 * by the golden angle so the leading characters get well-separated colours, and lightness
 * alternates to separate later ones. Dark enough to read as text on white. The `shadow` scope
 * (the dashboard) uses darker shades so every hue, yellow-green included, meets WCAG AA's
 * 4.5:1 on white (axe checks it); the CLI's page keeps its colours (its output is unchanged).
 */
function characterColourCss(storyboard: Storyboard, scope: CssScope = 'document'): string {
  const [even, odd] = scope === 'document' ? [36, 30] : [27, 22];
  const rules = storyboard.characters.map((_, i) => {
    const hue = Math.round((i * 137.508 + 210) % 360);
    const lightness = i % 2 === 0 ? even : odd;
    return `.c${i}{--c:hsl(${hue} 68% ${lightness}%)}`;
  });
  rules.push(`.${UNKNOWN_CLASS}{--c:#686874}`);
  return rules.join('\n') + '\n';
}

/** Unique, stable fragment ids: `chapter-<index>`, suffixed when indexes repeat. */
function chapterAnchors(chapters: readonly Chapter[]): string[] {
  const used = new Set<string>();
  return chapters.map((chapter) => {
    const base = `chapter-${chapter.index}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}

function renderHeader({ out, t }: RenderContext, storyboard: Storyboard, title: string): void {
  const { novel, stats } = storyboard;
  out.push(
    '<header class="site-header">\n<p class="kicker">',
    escapeHtml(t.kicker),
    '</p>\n<h1>',
    escapeHtml(truncateText(title, MAX_TITLE)),
    '</h1>\n<p class="meta">',
    escapeHtml(t.meta(novel.length, novel.language, novel.encoding)),
    '</p>\n<ul class="stats">',
  );
  const items: Array<[string, string]> = [
    [formatCount(stats.chapters), t.stats.chapters],
    [formatCount(stats.scenes), t.stats.scenes],
    [formatCount(stats.panels), t.stats.panels],
    [formatCount(stats.dialogueLines), t.stats.dialogueLines],
    [formatCount(storyboard.characters.length), t.stats.characters],
    [formatDuration(stats.durationMs, t), t.stats.generationTime],
    [stats.generator, t.stats.generator],
  ];
  for (const [value, label] of items) {
    const b = `<b>${escapeHtml(value)}</b>`;
    out.push('<li>', t.statLabelFirst ? `${escapeHtml(label)} ${b}` : `${b} ${escapeHtml(label)}`);
    out.push('</li>');
  }
  out.push('</ul>\n</header>\n');
}

function formatDuration(ms: number, t: Labels): string {
  const unit = t.durationUnits;
  if (ms < 1000) return `${Math.round(ms)} ${unit.ms}`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} ${unit.s}`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} ${unit.min} ${Math.round((ms % 60_000) / 1000)} ${unit.s}`;
}

function renderNav(
  { out, t }: RenderContext,
  chapters: readonly Chapter[],
  anchors: readonly string[],
): void {
  const heading = escapeHtml(t.chapters);
  out.push('<nav class="toc" aria-label="', heading, '">\n<h2>', heading, '</h2>\n<ol>\n');
  chapters.forEach((chapter, i) => {
    out.push(
      '<li><a href="#',
      anchors[i] ?? '',
      '"><span class="num">',
      String(chapter.index),
      '</span><span>',
      escapeHtml(truncateText(chapterTitle(chapter, t), MAX_NAV_TITLE)),
      '</span></a></li>\n',
    );
  });
  out.push('</ol>\n</nav>\n');
}

function renderLegend({ out, cast, t }: RenderContext, storyboard: Storyboard): void {
  out.push('<section class="legend" aria-labelledby="cast-title">\n');
  out.push('<h2 class="section-title" id="cast-title">', escapeHtml(t.characters), '</h2>\n');
  if (storyboard.characters.length === 0) {
    out.push('<p class="empty">', escapeHtml(t.noCharacters), '</p>\n</section>\n');
    return;
  }
  out.push('<ul>\n');
  for (const character of storyboard.characters) {
    const member = castMember(cast, character.id);
    out.push('<li class="', member.cls, '"><span class="name">', escapeHtml(character.name));
    out.push('</span>');
    if (character.aliases.length > 0) {
      const shown = character.aliases.slice(0, MAX_ALIASES_SHOWN).join(t.aliasSeparator);
      const more = character.aliases.length - MAX_ALIASES_SHOWN;
      out.push(
        '<span class="aliases">',
        escapeHtml(t.aka),
        escapeHtml(truncateText(shown, 120)),
        more > 0 ? escapeHtml(t.moreAliases(more)) : '',
        '</span>',
      );
    }
    const first =
      character.firstChapter === null ? '' : ` · ${t.firstChapter(character.firstChapter)}`;
    out.push(
      '<span class="mentions">',
      escapeHtml(t.mentions(character.mentions) + first),
      '</span></li>\n',
    );
  }
  out.push('</ul>\n</section>\n');
}
