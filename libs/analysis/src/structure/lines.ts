export interface Line {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset of the line end (the `\n` or the text end). */
  end: number;
  /** The line without its leading and trailing spaces. */
  trimmed: string;
}

/** Every line of `text` with its offsets. */
export function splitLines(text: string, from = 0, to = text.length): Line[] {
  const lines: Line[] = [];
  let start = from;
  while (start <= to) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    lines.push({ start, end, trimmed: text.slice(start, end).trim() });
    if (end >= to) break;
    start = end + 1;
  }
  return lines;
}
