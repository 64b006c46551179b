import type { Span } from '@storyboard/domain';
import { isBlank } from '../util/blank';

/** Blank-line paragraphs when the text uses them (hard-wrapped prose), else one paragraph per
 * line (texts that put each paragraph on one line). Spans are trimmed of surrounding spaces. */
export function splitParagraphs(text: string, from = 0, to = text.length): Span[] {
  const blankMode = usesBlankLines(text, from, to);
  const out: Span[] = [];
  let start = from;
  const push = (s: number, e: number) => {
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  let i = from;
  while (i < to) {
    const nl = text.indexOf('\n', i);
    if (nl < 0 || nl >= to) break;
    if (!blankMode) {
      push(start, nl);
      start = nl + 1;
    } else {
      let j = nl + 1;
      while (j < to && text.charCodeAt(j) === 32) j++;
      if (j < to && text.charCodeAt(j) === 10) {
        push(start, nl);
        start = j;
      }
    }
    i = nl + 1;
  }
  push(start, to);
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10;
}

/** True when blank lines separate paragraphs: at least one line in eight is blank, or the
 * lines are hard-wrapped (80 characters or so) and one in forty is blank (long paragraphs, as a
 * story told over a whole chapter). */
function usesBlankLines(text: string, from: number, to: number): boolean {
  let lines = 0;
  let blank = 0;
  let prevNl = -2;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
    lines++;
    if (prevNl >= from - 1 && isBlank(text, prevNl + 1, i)) blank++;
    prevNl = i;
  }
  if (lines === 0 || blank === 0) return false;
  if (blank * 8 >= lines) return true;
  const averageLine = (to - from) / (lines - blank + 1);
  return averageLine <= 100 && blank * 40 >= lines;
}

/**
 * A paragraph far longer than a beat (a chapter printed as one paragraph) is cut into runs of
 * whole sentences of about `target` characters, at sentence ends outside quotes, so later steps
 * see one beat at a time. Shorter paragraphs are kept as they are.
 */
export function splitLongParagraphs(text: string, spans: readonly Span[], target: number): Span[] {
  const out: Span[] = [];
  for (const p of spans) {
    if (p.end - p.start <= target * 2) {
      out.push(p);
      continue;
    }
    let start = p.start;
    let depth = 0;
    // `’` closes a `‘` only: after `“` it is an apostrophe (`the Morlocks’ food`).
    let single = 0;
    for (let i = p.start; i < p.end; i++) {
      const c = text.charCodeAt(i);
      if (isOpener(c)) {
        depth++;
        if (c === 0x2018) single++;
      } else if (c === 0x2019) {
        if (single > 0 && !/\w/.test(text.charAt(i + 1))) {
          single--;
          depth = Math.max(0, depth - 1);
        }
      } else if (isCloser(c)) depth = Math.max(0, depth - 1);
      else if (
        depth === 0 &&
        i - start >= target &&
        isSentenceEnd(c) &&
        /[\s\u4e00-\u9fff“「A-Z]/.test(text.charAt(i + 1))
      ) {
        out.push({ start, end: i + 1 });
        start = i + 1;
        while (start < p.end && /\s/.test(text.charAt(start))) start++;
      }
    }
    if (start < p.end) out.push({ start, end: p.end });
  }
  return out;
}

/** `“「『‘«` */
function isOpener(c: number): boolean {
  return c === 0x201c || c === 0x300c || c === 0x300e || c === 0x2018 || c === 0xab;
}

/** `”」』»` (`’` is handled on its own). */
function isCloser(c: number): boolean {
  return c === 0x201d || c === 0x300d || c === 0x300f || c === 0xbb;
}

/** `。！？.!?` */
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x2e || c === 0x21 || c === 0x3f;
}
