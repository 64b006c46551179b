import type { Chapter, Panel, Scene, Shot } from '@storyboard/domain';
import type { Labels } from './html-labels';
import { escapeHtml, truncateText } from './html-text';

// The chapters of the storyboard page: scenes, comic rows of panels, captions and balloons.

/** Longest panel description, narration or dialogue line shown, in code points. */
export const MAX_PANEL_TEXT = 400;
const MAX_SUMMARY = 600;
export const MAX_TITLE = 160;
export const MAX_NAV_TITLE = 60;

/** Shots drawn two grid units wide; every other shot is one unit. */
const WIDE_SHOTS: ReadonlySet<Shot> = new Set<Shot>(['establishing', 'wide']);
/** A comic row holds three units; the CSS grid has six columns so short rows can be stretched. */
const ROW_UNITS = 3;
const GRID_COLUMNS = 6;

export interface CastMember {
  name: string;
  /** CSS class carrying the character's colour. */
  cls: string;
}

export const UNKNOWN_CLASS = 'cu';

/** What every render function writes with: the output buffer, the cast and the labels. */
export interface RenderContext {
  readonly out: string[];
  readonly cast: ReadonlyMap<string, CastMember>;
  /** Interface text in the novel's language. */
  readonly t: Labels;
}

export function castMember(cast: ReadonlyMap<string, CastMember>, id: string): CastMember {
  // An id missing from the character list is shown as-is rather than hidden.
  return cast.get(id) ?? { name: id, cls: UNKNOWN_CLASS };
}

export function chapterTitle(chapter: Chapter, t: Labels): string {
  return chapter.title.trim() || t.chapterNumber(chapter.index);
}

export function renderChapter(ctx: RenderContext, chapter: Chapter, anchor: string): void {
  const { out, t } = ctx;
  out.push(
    '<section class="chapter" id="',
    anchor,
    '">\n<h2 class="chapter-title"><span class="num">',
    escapeHtml(t.chapterNumber(chapter.index)),
    '</span><span>',
    escapeHtml(truncateText(chapterTitle(chapter, t), MAX_TITLE)),
    '</span><a class="to-top" href="#top">',
    escapeHtml(t.toTop),
    '</a></h2>\n',
  );
  if (chapter.scenes.length === 0) {
    out.push('<p class="empty">', escapeHtml(t.noScenes), '</p>\n');
  }
  for (const scene of chapter.scenes) renderScene(ctx, scene, anchor);
  out.push('</section>\n');
}

function renderScene(ctx: RenderContext, scene: Scene, chapterAnchor: string): void {
  const { out, t } = ctx;
  out.push(
    '<article class="page" id="',
    chapterAnchor,
    '-scene-',
    String(scene.index),
    '">\n<header class="scene-head"><h3>',
    escapeHtml(t.sceneNumber(scene.index)),
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
    renderChips(ctx, scene.characters);
    out.push('</div>\n');
  }
  if (scene.panels.length === 0) {
    out.push('<p class="empty">', escapeHtml(t.noPanels), '</p>\n</article>\n');
    return;
  }
  const widths = panelWidths(scene.panels);
  out.push('<div class="grid">\n');
  scene.panels.forEach((panel, i) => renderPanel(ctx, panel, widths[i] ?? GRID_COLUMNS));
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

function renderPanel(ctx: RenderContext, panel: Panel, width: number): void {
  const { out, cast, t } = ctx;
  const shot = t.shots[panel.shot] ?? { abbr: '?', label: String(panel.shot) };
  out.push(
    '<figure class="panel w',
    String(width),
    ' shot-',
    escapeHtml(panel.shot),
    '"><span class="shot"><abbr title="',
    escapeHtml(t.shotTitle(shot)),
    '">',
    escapeHtml(shot.abbr),
    '</abbr>',
    escapeHtml(shot.label),
    '</span><span class="pno">#',
    String(panel.index),
    '</span>\n',
  );

  // The caption box holds the book's own narration only; the description is the art note, never
  // shown as if the book said it (`Tom speaks.` is no caption).
  const narration = panel.narration?.trim() ?? '';
  const description = panel.description.trim();
  if (narration) {
    out.push('<p class="caption">', escapeHtml(truncateText(narration, MAX_PANEL_TEXT)), '</p>\n');
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
          ? { name: t.unknownSpeaker, cls: UNKNOWN_CLASS }
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

  // The art area stands for the drawing: it fills the rest of the frame and carries the
  // description.
  if (description) {
    out.push('<p class="art">', escapeHtml(truncateText(description, MAX_PANEL_TEXT)), '</p>\n');
  } else {
    out.push('<div class="art" aria-hidden="true"></div>\n');
  }

  if (panel.characters.length > 0) {
    out.push('<figcaption class="cast">');
    renderChips(ctx, panel.characters);
    out.push('</figcaption>\n');
  }
  out.push('</figure>\n');
}

function renderChips({ out, cast }: RenderContext, ids: readonly string[]): void {
  for (const id of ids) {
    const member = castMember(cast, id);
    out.push('<span class="chip ', member.cls, '">', escapeHtml(member.name), '</span>');
  }
}
