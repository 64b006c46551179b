import type { Chapter, Language, Panel, Scene, Shot, Storyboard } from '@storyboard/domain';
import { escapeHtml, formatCount, truncateText } from './html-text';
import { STORYBOARD_CSS } from './storyboard-html.css';

/** Longest panel description, narration or dialogue line shown, in code points. */
export const MAX_PANEL_TEXT = 400;
const MAX_SUMMARY = 600;
const MAX_TITLE = 160;
const MAX_NAV_TITLE = 60;
const MAX_ALIASES_SHOWN = 6;

export const UNKNOWN_SPEAKER = 'Unknown';

export const SHOT_LABELS: Readonly<Record<Shot, { abbr: string; label: string }>> = {
  establishing: { abbr: 'EST', label: 'Establishing' },
  wide: { abbr: 'WS', label: 'Wide' },
  medium: { abbr: 'MS', label: 'Medium' },
  'close-up': { abbr: 'CU', label: 'Close-up' },
  'extreme-close-up': { abbr: 'ECU', label: 'Extreme close-up' },
  'over-the-shoulder': { abbr: 'OTS', label: 'Over-the-shoulder' },
  insert: { abbr: 'INS', label: 'Insert' },
};

/** Shots drawn two grid units wide; every other shot is one unit. */
const WIDE_SHOTS: ReadonlySet<Shot> = new Set<Shot>(['establishing', 'wide']);
/** A comic row holds three units; the CSS grid has six columns so short rows can be stretched. */
const ROW_UNITS = 3;
const GRID_COLUMNS = 6;

const HTML_LANG: Readonly<Record<Language, string>> = { en: 'en', zh: 'zh', other: 'und' };

interface CastMember {
  name: string;
  /** CSS class carrying the character's colour. */
  cls: string;
}

const UNKNOWN_CLASS = 'cu';

/**
 * Renders a storyboard as one self-contained HTML page: inline CSS, no script, no external
 * resource. Output depends only on the storyboard, so the same input yields the same bytes.
 */
export function renderStoryboardHtml(storyboard: Storyboard): string {
  const cast = buildCast(storyboard);
  const title = storyboard.novel.title.trim() || 'Untitled';
  const out: string[] = [];

  out.push(
    '<!DOCTYPE html>\n<html lang="',
    HTML_LANG[storyboard.novel.language] ?? 'und',
    '">\n<head>\n<meta charset="utf-8">\n',
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n`,
    '<meta name="generator" content="',
    escapeHtml(storyboard.stats.generator),
    '">\n<title>',
    escapeHtml(truncateText(title, MAX_TITLE)),
    ' — Storyboard</title>\n<style>',
    STORYBOARD_CSS,
    characterColourCss(storyboard),
    '</style>\n</head>\n<body id="top">\n',
  );

  renderHeader(out, storyboard, title);
  const anchors = chapterAnchors(storyboard.chapters);
  out.push('<div class="layout">\n');
  renderNav(out, storyboard.chapters, anchors);
  out.push('<main>\n');
  renderLegend(out, storyboard, cast);
  if (storyboard.chapters.length === 0) out.push('<p class="empty">No chapters.</p>\n');
  storyboard.chapters.forEach((chapter, i) => {
    renderChapter(out, chapter, anchors[i] ?? `chapter-${i + 1}`, cast);
  });
  out.push('</main>\n</div>\n</body>\n</html>\n');
  return out.join('');
}

function buildCast(storyboard: Storyboard): Map<string, CastMember> {
  const cast = new Map<string, CastMember>();
  storyboard.characters.forEach((character, i) => {
    if (!cast.has(character.id)) cast.set(character.id, { name: character.name, cls: `c${i}` });
  });
  return cast;
}

function castMember(cast: ReadonlyMap<string, CastMember>, id: string): CastMember {
  // An id missing from the character list is shown as-is rather than hidden.
  return cast.get(id) ?? { name: id, cls: UNKNOWN_CLASS };
}

/**
 * One colour per character, by position in the character list (most mentioned first): hues step
 * by the golden angle so the leading characters get well-separated colours, and lightness
 * alternates to separate later ones. Dark enough to read as text on white.
 */
function characterColourCss(storyboard: Storyboard): string {
  const rules = storyboard.characters.map((_, i) => {
    const hue = Math.round((i * 137.508 + 210) % 360);
    const lightness = i % 2 === 0 ? 36 : 30;
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

function renderHeader(out: string[], storyboard: Storyboard, title: string): void {
  const { novel, stats } = storyboard;
  out.push(
    '<header class="site-header">\n<p class="kicker">Comic storyboard</p>\n<h1>',
    escapeHtml(truncateText(title, MAX_TITLE)),
    '</h1>\n<p class="meta">',
    escapeHtml(
      `${formatCount(novel.length)} characters · language ${novel.language} · ${novel.encoding}`,
    ),
    '</p>\n<ul class="stats">',
  );
  const items: Array<[number | string, string]> = [
    [formatCount(stats.chapters), 'chapters'],
    [formatCount(stats.scenes), 'scenes'],
    [formatCount(stats.panels), 'panels'],
    [formatCount(stats.dialogueLines), 'dialogue lines'],
    [formatCount(storyboard.characters.length), 'characters'],
    [formatDuration(stats.durationMs), 'generation time'],
    [stats.generator, 'generator'],
  ];
  for (const [value, label] of items) {
    out.push('<li><b>', escapeHtml(String(value)), '</b> ', label, '</li>');
  }
  out.push('</ul>\n</header>\n');
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function renderNav(out: string[], chapters: readonly Chapter[], anchors: readonly string[]): void {
  out.push('<nav class="toc" aria-label="Chapters">\n<h2>Chapters</h2>\n<ol>\n');
  chapters.forEach((chapter, i) => {
    out.push(
      '<li><a href="#',
      anchors[i] ?? '',
      '"><span class="num">',
      String(chapter.index),
      '</span><span>',
      escapeHtml(truncateText(chapterTitle(chapter), MAX_NAV_TITLE)),
      '</span></a></li>\n',
    );
  });
  out.push('</ol>\n</nav>\n');
}

function chapterTitle(chapter: Chapter): string {
  return chapter.title.trim() || `Chapter ${chapter.index}`;
}

function renderLegend(
  out: string[],
  storyboard: Storyboard,
  cast: ReadonlyMap<string, CastMember>,
): void {
  out.push('<section class="legend" aria-labelledby="cast-title">\n');
  out.push('<h2 class="section-title" id="cast-title">Characters</h2>\n');
  if (storyboard.characters.length === 0) {
    out.push('<p class="empty">No characters.</p>\n</section>\n');
    return;
  }
  out.push('<ul>\n');
  for (const character of storyboard.characters) {
    const member = castMember(cast, character.id);
    out.push('<li class="', member.cls, '"><span class="name">', escapeHtml(character.name));
    out.push('</span>');
    if (character.aliases.length > 0) {
      const shown = character.aliases.slice(0, MAX_ALIASES_SHOWN).join(', ');
      const more = character.aliases.length - MAX_ALIASES_SHOWN;
      out.push(
        '<span class="aliases">aka ',
        escapeHtml(truncateText(shown, 120)),
        more > 0 ? ` +${more} more` : '',
        '</span>',
      );
    }
    out.push(
      '<span class="mentions">',
      formatCount(character.mentions),
      character.mentions === 1 ? ' mention' : ' mentions',
      character.firstChapter === null ? '' : ` · first in ch. ${character.firstChapter}`,
      '</span></li>\n',
    );
  }
  out.push('</ul>\n</section>\n');
}

function renderChapter(
  out: string[],
  chapter: Chapter,
  anchor: string,
  cast: ReadonlyMap<string, CastMember>,
): void {
  out.push(
    '<section class="chapter" id="',
    anchor,
    '">\n<h2 class="chapter-title"><span class="num">Chapter ',
    String(chapter.index),
    '</span><span>',
    escapeHtml(truncateText(chapterTitle(chapter), MAX_TITLE)),
    '</span><a class="to-top" href="#top">↑ top</a></h2>\n',
  );
  if (chapter.scenes.length === 0) out.push('<p class="empty">No scenes.</p>\n');
  for (const scene of chapter.scenes) renderScene(out, scene, anchor, cast);
  out.push('</section>\n');
}

function renderScene(
  out: string[],
  scene: Scene,
  chapterAnchor: string,
  cast: ReadonlyMap<string, CastMember>,
): void {
  out.push(
    '<article class="page" id="',
    chapterAnchor,
    '-scene-',
    String(scene.index),
    '">\n<header class="scene-head"><h3>Scene ',
    String(scene.index),
    '</h3>',
  );
  if (scene.location?.trim()) {
    out.push(
      '<span class="location">',
      escapeHtml(truncateText(scene.location.trim(), MAX_NAV_TITLE)),
      '</span>',
    );
  }
  out.push('</header>\n');
  if (scene.summary.trim()) {
    out.push('<p class="summary">', escapeHtml(truncateText(scene.summary, MAX_SUMMARY)), '</p>\n');
  }
  if (scene.characters.length > 0) {
    out.push('<div class="scene-cast">');
    renderChips(out, scene.characters, cast);
    out.push('</div>\n');
  }
  if (scene.panels.length === 0) {
    out.push('<p class="empty">No panels.</p>\n</article>\n');
    return;
  }
  const widths = panelWidths(scene.panels);
  out.push('<div class="grid">\n');
  scene.panels.forEach((panel, i) => renderPanel(out, panel, widths[i] ?? GRID_COLUMNS, cast));
  out.push('</div>\n</article>\n');
}

/**
 * Packs panels, in reading order, into rows of three units (wide and establishing shots take
 * two) and returns each panel's width in grid columns. A row that cannot be filled is stretched
 * evenly so that every row spans the full page and the grid has no holes.
 */
export function panelWidths(panels: readonly Pick<Panel, 'shot'>[]): number[] {
  const units = panels.map((panel) => (WIDE_SHOTS.has(panel.shot) ? 2 : 1));
  const widths: number[] = [];
  let row: number[] = [];
  let used = 0;
  const flush = (): void => {
    if (row.length === 0) return;
    const full = used === ROW_UNITS;
    for (const u of row)
      widths.push(full ? u * (GRID_COLUMNS / ROW_UNITS) : GRID_COLUMNS / row.length);
    row = [];
    used = 0;
  };
  for (const u of units) {
    if (used + u > ROW_UNITS) flush();
    row.push(u);
    used += u;
  }
  flush();
  return widths;
}

function renderPanel(
  out: string[],
  panel: Panel,
  width: number,
  cast: ReadonlyMap<string, CastMember>,
): void {
  const shot = SHOT_LABELS[panel.shot] ?? { abbr: '?', label: String(panel.shot) };
  out.push(
    '<figure class="panel w',
    String(width),
    ' shot-',
    escapeHtml(panel.shot),
    '"><span class="shot"><abbr title="',
    escapeHtml(shot.label),
    ' shot">',
    shot.abbr,
    '</abbr>',
    escapeHtml(shot.label),
    '</span><span class="pno">#',
    String(panel.index),
    '</span>\n',
  );

  const narration = panel.narration?.trim() ?? '';
  const description = panel.description.trim();
  const caption = narration || description;
  if (caption) {
    out.push('<p class="caption">', escapeHtml(truncateText(caption, MAX_PANEL_TEXT)), '</p>\n');
  }
  if (panel.dialogue.length > 0) {
    out.push('<div class="balloons">\n');
    let right = false;
    let previous: string | null | undefined;
    panel.dialogue.forEach((line, i) => {
      // Balloons alternate sides when the speaker changes, as in a conversation.
      if (i > 0 && line.speaker !== previous) right = !right;
      previous = line.speaker;
      const speaker =
        line.speaker === null
          ? { name: UNKNOWN_SPEAKER, cls: UNKNOWN_CLASS }
          : castMember(cast, line.speaker);
      out.push(
        '<p class="balloon ',
        right ? 'right ' : '',
        speaker.cls,
        '"><span class="who">',
        escapeHtml(speaker.name),
        '</span><span class="line">',
        escapeHtml(truncateText(line.text, MAX_PANEL_TEXT)),
        '</span></p>\n',
      );
    });
    out.push('</div>\n');
  }

  // The art area stands for the drawing: it fills the rest of the frame, and carries the
  // description when the caption box already shows the narration.
  if (narration && description) {
    out.push('<p class="art">', escapeHtml(truncateText(description, MAX_PANEL_TEXT)), '</p>\n');
  } else {
    out.push('<div class="art" aria-hidden="true"></div>\n');
  }

  if (panel.characters.length > 0) {
    out.push('<figcaption class="cast">');
    renderChips(out, panel.characters, cast);
    out.push('</figcaption>\n');
  }
  out.push('</figure>\n');
}

function renderChips(
  out: string[],
  ids: readonly string[],
  cast: ReadonlyMap<string, CastMember>,
): void {
  for (const id of ids) {
    const member = castMember(cast, id);
    out.push('<span class="chip ', member.cls, '">', escapeHtml(member.name), '</span>');
  }
}
