import { splitLines, type Line } from './lines';
import { chineseNumber, englishNumber, romanValue } from './numbers';

/**
 * - `group`: BOOK / PART / VOLUME / 卷 / 部: above chapters, never a chapter itself while
 *   chapters exist;
 * - `chapter`: CHAPTER / STAVE / ADVENTURE / LETTER, 第…回 / 第…章;
 * - `special`: Prologue, Epilogue, 楔子, 序章, 尾声 (a chapter of its own);
 * - `titled-numeral`: a bare roman or arabic numeral with a title on the next line, or on the
 *   same line in capitals;
 * - `numeral`: a bare numeral alone (a chapter only when nothing stronger exists, else a scene
 *   break);
 * - `section`: 第…节 (chapters only when there are no 回/章).
 */
export type HeadingKind =
  'group' | 'chapter' | 'special' | 'titled-numeral' | 'numeral' | 'section';

export interface Heading {
  /** Start of the heading's first line. */
  start: number;
  /** End of the heading's last line (its title line when the title stands apart). */
  end: number;
  kind: HeadingKind;
  number: number | undefined;
  title: string;
}

const NUM_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth';
const EN_NUM = `(?:\\d{1,3}|[ivxlc]{1,8}|(?:the\\s+)?(?:${NUM_WORDS}))`;
const EN_CHAPTER = new RegExp(
  `^(chapter|chap\\.|stave|adventure|letter|canto)\\s+(${EN_NUM})(?![\\w'’])\\s*[.:\\-—–]?\\s*(.*)$`,
  'i',
);
const EN_GROUP = new RegExp(
  `^(book|part|volume|vol\\.)\\s+(${EN_NUM})(?![\\w'’])\\s*[.:\\-—–]?\\s*(.*)$`,
  'i',
);
const EN_SPECIAL = /^(prologue|epilogue)(?:\s*[.:\-—–]\s*(.{1,60})|\s+([A-Z].{0,60}))?$/i;
const BARE_NUMERAL = /^([IVXLC]{1,8}|\d{1,3})\.?$/;
const NUMERAL_WITH_TITLE = /^([IVXLC]{1,8}|\d{1,3})[.:]?\s+(\S.{1,60})$/;

const CN_NUM = '[零〇○一二三四五六七八九十百千两\\d]{1,8}';
const CN_JUNK = '(?:(?:正文|目录|《[^》]{0,40}》|【[^】]{0,40}】)[ :：]*)*';
const ZH_NUMBERED = new RegExp(
  `^${CN_JUNK}\\s*第\\s*(${CN_NUM})\\s*([回章节卷部篇集幕])(?:[\\s:：.、，,]+(.*))?$`,
);
const ZH_SPECIAL = new RegExp(
  `^${CN_JUNK}\\s*(楔子|序章|序幕|引子|尾声|终章)(?:[\\s:：.、]+(.{0,30}))?$`,
);
const CN_JUNK_PREFIX = new RegExp(`^${CN_JUNK}\\s*`);

const MAX_HEADING_CHARS = 90;

/** Every line that looks like a heading, in order, before any choice of level. */
export function findHeadingCandidates(text: string): Heading[] {
  const lines = splitLines(text);
  const out: Heading[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || line.trimmed.length === 0 || line.trimmed.length > MAX_HEADING_CHARS) continue;
    const h = matchLine(lines, i);
    if (h) out.push(h);
  }
  return out;
}

function matchLine(lines: readonly Line[], i: number): Heading | undefined {
  const line = lines[i] as Line;
  const t = line.trimmed;
  if (isTocEntry(t)) return undefined;
  const blankBefore = i === 0 || (lines[i - 1]?.trimmed ?? '') === '';
  const first = t.charCodeAt(0);
  if (first >= 0x3000) return matchChinese(line);
  const keyword = KEYWORD_INITIAL.test(t) ? matchKeyword(lines, i) : undefined;
  if (keyword) return keyword;
  if (!blankBefore) return undefined;
  const blankAfter = (lines[i + 1]?.trimmed ?? '') === '';
  if (!blankAfter && !titleLineFollows(lines, i)) return undefined;
  let m = BARE_NUMERAL.exec(t);
  if (m) {
    const n = /\d/.test(m[1] ?? '') ? Number(m[1]) : romanValue(m[1] ?? '');
    const titled = withTitleLine(lines, i, 'titled-numeral', n, collapse(t), true);
    return titled.end === line.end ? { ...titled, kind: 'numeral' } : titled;
  }
  if (!blankAfter) return undefined;
  m = NUMERAL_WITH_TITLE.exec(t);
  if (m && /^[IVXLC]+$/.test(m[1] ?? '') && isTitleLike(m[2] ?? '')) {
    return {
      start: line.start,
      end: line.end,
      kind: 'titled-numeral',
      number: romanValue(m[1] ?? ''),
      title: collapse(t),
    };
  }
  return undefined;
}

/** An English keyword heading (`CHAPTER I.`, `BOOK THE SECOND`, `Prologue`) on line `i`. */
function matchKeyword(lines: readonly Line[], i: number): Heading | undefined {
  const t = (lines[i] as Line).trimmed;
  let m = EN_CHAPTER.exec(t);
  if (m && titleRestOk(m[3] ?? '')) {
    return withTitleLine(
      lines,
      i,
      'chapter',
      englishNumber(m[2] ?? ''),
      collapse(t),
      !(m[3] ?? ''),
    );
  }
  m = EN_GROUP.exec(t);
  if (m && titleRestOk(m[3] ?? '')) {
    return withTitleLine(lines, i, 'group', englishNumber(m[2] ?? ''), collapse(t), !(m[3] ?? ''));
  }
  m = EN_SPECIAL.exec(t);
  if (m) return withTitleLine(lines, i, 'special', undefined, collapse(t), !(m[2] ?? m[3]));
  return undefined;
}

/** The first letters of the keywords of `EN_CHAPTER`, `EN_GROUP` and `EN_SPECIAL` (ASCII: without
 * the `u` flag, `i` matches no other letter to them): a line starting otherwise skips all three
 * (speed: three regular expressions on every short line of an English book, twice per book). */
const KEYWORD_INITIAL = /^[abceplsv]/i;

/** A table-of-contents entry: dotted leaders or a wide gap before a page number. */
const TOC_ENTRY = /(?:\.\s?){4,}\s*\d{1,4}$|…{2,}\s*\d{1,4}$|\S\s{3,}\d{1,4}$/;

/** `TOC_ENTRY.test(t)`, after a look at the last character: every entry ends in a digit. */
function isTocEntry(t: string): boolean {
  const last = t.charCodeAt(t.length - 1);
  return last >= 0x30 && last <= 0x39 && TOC_ENTRY.test(t);
}

/** `1` ⏎ `ARRIVAL` ⏎ ⏎: a bare numeral whose title line sits right under it, then a blank. */
function titleLineFollows(lines: readonly Line[], i: number): boolean {
  const next = lines[i + 1]?.trimmed ?? '';
  const after = lines[i + 2]?.trimmed ?? '';
  return (
    BARE_NUMERAL.test(lines[i]?.trimmed ?? '') &&
    next !== '' &&
    after === '' &&
    isTitleLike(next) &&
    !BARE_NUMERAL.test(next)
  );
}

function matchChinese(line: Line): Heading | undefined {
  const t = line.trimmed;
  if (t.length > 60 || t.includes('。')) return undefined;
  const m = ZH_NUMBERED.exec(t);
  if (m) {
    const rest = m[3] ?? '';
    if (rest.length > 40) return undefined;
    const unit = m[2] ?? '';
    const kind: HeadingKind = '卷部篇集'.includes(unit)
      ? 'group'
      : unit === '节'
        ? 'section'
        : 'chapter';
    return {
      start: line.start,
      end: line.end,
      kind,
      number: chineseNumber(m[1] ?? ''),
      title: collapse(t.replace(CN_JUNK_PREFIX, '')),
    };
  }
  const s = ZH_SPECIAL.exec(t);
  if (s)
    return {
      start: line.start,
      end: line.end,
      kind: 'special',
      number: undefined,
      title: collapse(t.replace(CN_JUNK_PREFIX, '')),
    };
  return undefined;
}

/** When the heading line carries no title, a short title-like line right after it (blank lines
 * allowed between) is its title: `I` ⏎ ⏎ `Introduction`. */
function withTitleLine(
  lines: readonly Line[],
  i: number,
  kind: HeadingKind,
  number: number | undefined,
  title: string,
  lookForTitle: boolean,
): Heading {
  const line = lines[i] as Line;
  const base: Heading = { start: line.start, end: line.end, kind, number, title };
  if (!lookForTitle) return base;
  let j = i + 1;
  while (j < lines.length && j <= i + 4 && (lines[j]?.trimmed ?? '') === '') j++;
  const next = lines[j];
  if (!next || j > i + 4 || next.trimmed === '') return base;
  const after = lines[j + 1];
  if (after && after.trimmed !== '') return base;
  if (!isTitleLike(next.trimmed) || BARE_NUMERAL.test(next.trimmed)) return base;
  if (EN_CHAPTER.test(next.trimmed) || EN_GROUP.test(next.trimmed) || EN_SPECIAL.test(next.trimmed))
    return base;
  const sep = /[.:—–-]$/.test(title) ? ' ' : '. ';
  return { ...base, end: next.end, title: `${title}${sep}${collapse(next.trimmed)}` };
}

/** A short line in capitals or Title Case that does not end like a sentence fragment. */
function isTitleLike(s: string): boolean {
  if (s.length > 60 || /[,;]$/.test(s)) return false;
  if (!/^[\p{Lu}\d'‘“"(]/u.test(s)) return false;
  const words = s.split(/\s+/).filter((w) => /^[\p{L}'’‘-]{4,}/u.test(w));
  if (words.length === 0) return true;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / words.length >= 0.6;
}

function titleRestOk(rest: string): boolean {
  return rest.length <= 70 && !/^[a-z]/.test(rest);
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** A table of contents lists headings one after another with almost nothing between them:
 * drop every candidate in a run of two or more whose following gap is that small. */
export function dropTableOfContents(text: string, candidates: readonly Heading[]): Heading[] {
  // A bare numeral right under a heading opens its first sub-section: measure the gap to the
  // next heading of another kind, so `ADVENTURE I` ⏎ `I.` is not a two-line list.
  const small = candidates.map((h, i) => {
    let j = i + 1;
    while (h.kind !== 'numeral' && candidates[j]?.kind === 'numeral') j++;
    const next = candidates[j];
    return next !== undefined && visibleChars(text, h.end, next.start, TOC_GAP) < TOC_GAP;
  });
  const key = (h: Heading) => `${h.kind}|${h.number ?? h.title.toLowerCase().split(/[\s.:]/)[0]}`;
  const lastSeen = new Map<string, number>();
  candidates.forEach((h, i) => lastSeen.set(key(h), i));
  return candidates.filter((h, i) => {
    if (!small[i]) return true;
    const inRun = small[i - 1] === true || small[i + 1] === true;
    const listedAgainLater = (lastSeen.get(key(h)) ?? i) > i;
    return !inRun && !listedAgainLater;
  });
}

const TOC_GAP = 80;

function visibleChars(text: string, from: number, to: number, cap: number): number {
  let n = 0;
  for (let i = from; i < to && n < cap; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10) n++;
  }
  return n;
}
