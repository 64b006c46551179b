import type { ChapterOutline } from '@storyboard/domain';
import { dropTableOfContents, findHeadingCandidates, type Heading } from './headings';

export interface BookStructure {
  /** Headings chosen as chapters, in order. */
  chapters: Heading[];
  /** Group headings (BOOK, PART, 卷) kept for boundaries, not counted as chapters. */
  groups: Heading[];
}

/** Picks the chapter level among the heading candidates: explicit chapter headings win; bare
 * numerals count only when nothing stronger exists and they run in sequence; groups become
 * chapters only when there is nothing else. */
export function findStructure(text: string): BookStructure {
  const candidates = dropTableOfContents(text, findHeadingCandidates(text));
  const of = (...kinds: Heading['kind'][]) => candidates.filter((h) => kinds.includes(h.kind));
  const specials = of('special');
  const groups = of('group');
  const strong = of('chapter');
  let chapters: Heading[] = [];
  if (strong.length > 0) chapters = withLaterStyle(strong, of('titled-numeral'));
  else if (sequence(of('titled-numeral')).length >= 2) chapters = sequence(of('titled-numeral'));
  else if (sequence(of('section')).length >= 2) chapters = sequence(of('section'));
  else if (sequence(of('titled-numeral', 'numeral')).length >= 2)
    chapters = sequence(of('titled-numeral', 'numeral'));
  if (chapters.length === 0 && groups.length > 0)
    return { chapters: [...groups, ...specials].sort(byStart), groups: [] };
  if (chapters.length === 0 && specials.length === 0) return { chapters: [], groups };
  return { chapters: [...chapters, ...specials].sort(byStart), groups };
}

/**
 * A collection may switch style partway (`ADVENTURE I. …` first, then `III. …`): a titled
 * numeral joins the keyword headings when it carries on their numbering (one more than the last
 * kept heading) and no keyword heading with that number comes later (else it is a sub-section).
 */
function withLaterStyle(strong: readonly Heading[], numerals: readonly Heading[]): Heading[] {
  if (numerals.length === 0) return [...strong];
  const merged = [...strong, ...numerals].sort(byStart);
  const out: Heading[] = [];
  let last: number | undefined;
  for (const h of merged) {
    if (h.kind === 'chapter') {
      out.push(h);
      last = h.number;
      continue;
    }
    if (last === undefined || h.number !== last + 1) continue;
    const number = h.number;
    const laterKeyword = strong.some((s) => s.start > h.start && s.number === number);
    if (laterKeyword) continue;
    out.push(h);
    last = number;
  }
  return out;
}

function byStart(a: Heading, b: Heading): number {
  return a.start - b.start;
}

/** Keeps numbered headings that count up by one (restarting at 1 is allowed, as in a new part). */
function sequence(headings: readonly Heading[]): Heading[] {
  const out: Heading[] = [];
  let last = 0;
  for (const h of headings) {
    if (h.number === undefined) continue;
    if (h.number === last + 1 || h.number === 1) {
      out.push(h);
      last = h.number;
    }
  }
  return out;
}

/** Text before the first heading this short (title page, preface, contents) is front matter. */
export function frontMatterLimit(length: number): number {
  return Math.max(3000, Math.min(20_000, Math.floor(length * 0.1)));
}

/** Where the story starts: the first chapter or group heading, when what precedes it is short
 * enough to be front matter; else 0. */
export function bodyStart(text: string): number {
  const { chapters, groups } = findStructure(text);
  const first = Math.min(chapters[0]?.start ?? Infinity, groups[0]?.start ?? Infinity);
  return first !== Infinity && first <= frontMatterLimit(text.length) ? first : 0;
}

const SIZE_SPLIT_CHARS = 20_000;

/** The chapters of a text: from headings when it has them; else cut by size at paragraph
 * boundaries and titled `Part 1`, `Part 2`, …. Never empty for non-blank text. */
export function outlineChapters(text: string): ChapterOutline[] {
  if (text.trim().length === 0) return [];
  const { chapters, groups } = findStructure(text);
  if (chapters.length === 0) return splitBySize(text, 0, text.length, 'Part');
  const boundaries = [...chapters.map((h) => h.start), ...groups.map((h) => h.start)].sort(
    (a, b) => a - b,
  );
  const out: ChapterOutline[] = [];
  const firstStart = chapters[0]?.start ?? 0;
  const lead = text.slice(0, firstStart);
  const firstBoundary = boundaries[0] ?? firstStart;
  if (lead.trim().length > 0 && firstBoundary > frontMatterLimit(text.length)) {
    out.push({ index: 1, title: 'Opening', span: trimSpan(text, 0, firstBoundary) });
  }
  let b = 0;
  for (const h of chapters) {
    while (b < boundaries.length && (boundaries[b] as number) <= h.start) b++;
    const next = boundaries[b] ?? text.length;
    out.push({ index: out.length + 1, title: h.title, span: trimSpan(text, h.start, next) });
  }
  return out;
}

function splitBySize(text: string, from: number, to: number, label: string): ChapterOutline[] {
  const size = to - from;
  const count = Math.max(1, Math.ceil(size / SIZE_SPLIT_CHARS));
  const target = size / count;
  const out: ChapterOutline[] = [];
  let start = from;
  for (let i = 1; i <= count; i++) {
    const end = i === count ? to : paragraphCut(text, Math.round(from + target * i), to);
    if (end > start && text.slice(start, end).trim().length > 0) {
      out.push({
        index: out.length + 1,
        title: `${label} ${out.length + 1}`,
        span: trimSpan(text, start, end),
      });
      start = end;
    }
  }
  if (out.length === 0) out.push({ index: 1, title: `${label} 1`, span: trimSpan(text, from, to) });
  return out;
}

/** The nearest paragraph boundary at or after `at` (a blank line, else a line end). */
function paragraphCut(text: string, at: number, limit: number): number {
  const blank = text.indexOf('\n\n', at);
  if (blank >= 0 && blank < limit && blank - at < SIZE_SPLIT_CHARS / 2) {
    let next = blank;
    while (next < limit && /\s/.test(text.charAt(next))) next++;
    return next;
  }
  const line = text.indexOf('\n', at);
  if (line >= 0 && line < limit) return line + 1;
  return limit;
}

/** Drops trailing blank lines from a span so chapters end where their text ends. */
function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  let e = end;
  while (e > start && /\s/.test(text.charAt(e - 1))) e--;
  return { start, end: e };
}
