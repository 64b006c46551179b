import type { Span } from '@storyboard/domain';
import { isBlank } from '../util/blank';

/** One quoted speech inside a paragraph. */
export interface Quote {
  /** From the opening mark to the closing mark inclusive (or the paragraph end when unclosed). */
  span: Span;
  /** The words inside the marks. */
  inner: Span;
  /** Index of the paragraph it sits in. */
  paragraph: number;
  /** True when it carries on the speech of the previous quote across a paragraph break (English
   * convention: no closing mark at the end of the paragraph, an opening mark at the start of the
   * next). */
  continues: boolean;
}

/** The closing mark of each opening mark (`“` → `”`; `„` closes with `“`), by UTF-16 unit. */
const CLOSERS: ReadonlyMap<number, number> = new Map(
  [
    ['“', '”'],
    ['「', '」'],
    ['『', '』'],
    ['«', '»'],
    ['"', '"'],
    ['‘', '’'],
    ['„', '“'],
  ].map(([open, close]) => [(open as string).charCodeAt(0), (close as string).charCodeAt(0)]),
);

/** A section break drawn with stars (`*****`, `* * *`, `⁂`). */
function isSeparator(text: string, p: Span): boolean {
  let stars = 0;
  for (let i = p.start; i < p.end; i++) {
    const c = text.charAt(i);
    if (c === '*' || c === '⁂') stars++;
    else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return false;
  }
  return stars > 0;
}

/**
 * Finds the quote marks `“”「」『』«»"‘’„` of a text, asked at increasing positions. A global
 * regex's `test` runs a native scan and moves `lastIndex` past the mark it finds without building
 * a match: a JS loop over every character of the book ran unoptimised for much of a cold run
 * (measured). The mark found past a paragraph's end is kept for the paragraphs before it, so the
 * whole text is scanned once.
 */
class QuoteMarks {
  private static readonly MARK = /[‘’“”„「」『』"«»]/g;
  /** The last scan: from where, and the first mark it found (or the text's length). */
  private scannedFrom = 0;
  private next = -1;

  constructor(private readonly text: string) {}

  /** The position of the first quote mark at or after `from` (the text's length if none). */
  at(from: number): number {
    if (from >= this.scannedFrom && from <= this.next) return this.next;
    const mark = QuoteMarks.MARK;
    mark.lastIndex = from;
    this.scannedFrom = from;
    this.next = mark.test(this.text) ? mark.lastIndex - 1 : this.text.length;
    return this.next;
  }
}

/** Top-level quotes of each paragraph: nested quotes stay inside their outer quote; `’` closes a
 * single quote only where it is not an apostrophe (`don’t`, `Alice’s`). */
export function findQuotes(text: string, paragraphs: readonly Span[]): Quote[] {
  const out: Quote[] = [];
  const marks = new QuoteMarks(text);
  // The opening mark of a quote left open at the end of the previous paragraph, or -1.
  let carry = -1;
  for (let index = 0; index < paragraphs.length; index++) {
    const p = paragraphs[index] as Span;
    // `*****` between two parts of one speech (a long letter read out): the speech runs on.
    if (carry >= 0 && isSeparator(text, p)) continue;
    const continues = carry >= 0 && text.charCodeAt(p.start) === carry;
    carry = paragraphQuotes(text, marks, p, index, continues, out);
  }
  return out.filter(
    (q) => q.inner.end > q.inner.start && !isBlank(text, q.inner.start, q.inner.end),
  );
}

/** Appends the quotes of paragraph `index` to `out`; returns the opening mark of a quote it leaves
 * open at its end, or -1. */
function paragraphQuotes(
  text: string,
  marks: QuoteMarks,
  p: Span,
  index: number,
  continuesBefore: boolean,
  out: Quote[],
): number {
  let continues = continuesBefore;
  let mark = -1;
  let at = 0;
  for (let i = marks.at(p.start); i < p.end; i = marks.at(i + 1)) {
    const ch = text.charCodeAt(i);
    if (mark < 0) {
      if (CLOSERS.has(ch) && (ch !== 0x2018 || !isWordChar(text.charCodeAt(i - 1)))) {
        mark = ch;
        at = i;
      }
      continue;
    }
    if (ch !== CLOSERS.get(mark)) continue;
    if (ch === 0x2019 && isWordChar(text.charCodeAt(i + 1))) continue;
    if (ch === 0x2019 && isPluralPossessive(text, i, p.end)) continue;
    out.push({
      span: { start: at, end: i + 1 },
      inner: { start: at + 1, end: i },
      paragraph: index,
      continues,
    });
    continues = false;
    mark = -1;
  }
  if (mark < 0) return -1;
  out.push({
    span: { start: at, end: p.end },
    inner: { start: at + 1, end: p.end },
    paragraph: index,
    continues,
  });
  return mark;
}

/** `the girls’ hats`: an `s’` followed by a lower-case word, when a later `’` can still close the
 * quote before the paragraph ends or a new quote opens. */
function isPluralPossessive(text: string, i: number, end: number): boolean {
  if (text.charAt(i - 1) !== 's' || !/^ [a-z]/.test(text.slice(i + 1, i + 3))) return false;
  for (let j = i + 1; j < end; j++) {
    const ch = text.charAt(j);
    if (ch === '‘' && !isWordChar(text.charCodeAt(j - 1))) return false;
    if (ch === '’' && !isWordChar(text.charCodeAt(j + 1))) return true;
  }
  return false;
}

function isWordChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    (c >= 0xc0 && c <= 0x24f)
  );
}
