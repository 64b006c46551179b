import { isJsSpace } from './blank';

/** `text.slice(start, end).trimEnd()`'s end, without building the slice. */
export function trimmedEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isJsSpace(text.charCodeAt(e - 1))) e--;
  return e;
}

/**
 * `pattern.test(text.slice(from, to))` for a pattern anchored at the end (`…\s*$`) that looks at
 * nothing before its match (no `^`, `\b` or lookbehind) and whose match, but for the white space
 * its `\s*$` takes at the end, is at most `longest` characters: no match can start before the
 * last `longest` characters ahead of the trailing white space, so only they are tried. Irregexp
 * tries an end-anchored pattern from every position of its input, and Chinese characters defeat
 * its skip tables: a Chinese cue pattern on a 40-character tail cost ~5k instructions (measured).
 */
export function endsWithMatch(
  pattern: RegExp,
  text: string,
  from: number,
  to: number,
  longest: number,
): boolean {
  const start = Math.max(from, trimmedEnd(text, from, to) - longest);
  return pattern.test(text.slice(start, to));
}
