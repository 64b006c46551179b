/** Where a verbatim quote sits in `text[from, to)`, as offsets into `text`; undefined when it
 * is not there. Tolerates what models change when they copy: surrounding quotes or ellipses,
 * runs of whitespace and line breaks, and straight vs curly quotes. Searches forward from
 * `cursor` first, so repeated phrases resolve in story order. */
export function findAnchor(
  text: string,
  anchor: string | undefined,
  from: number,
  to: number,
  cursor = from,
): { start: number; end: number } | undefined {
  const needle = trimAnchor(anchor ?? '');
  if (needle.length < 2) return undefined;
  const pattern = anchorPattern(needle);
  const opensWithQuote = OPENING.includes((anchor ?? '').trim()[0] ?? '');
  for (const start of cursor > from ? [cursor, from] : [from]) {
    pattern.lastIndex = start;
    const m = pattern.exec(text);
    if (m && m.index + m[0].length <= to) {
      // Keep the opening quote the model copied, so a line of dialogue starts at its quote.
      const back = opensWithQuote && m.index > from && OPENING.includes(text[m.index - 1] ?? '');
      return { start: back ? m.index - 1 : m.index, end: m.index + m[0].length };
    }
  }
  return undefined;
}

const EDGE = /^[\s"'“”‘’「」『』…．.]+|[\s"'“”‘’「」『』…．.]+$/gu;

function trimAnchor(anchor: string): string {
  return anchor.replace(EDGE, '').trim();
}

const QUOTES = `"'“”‘’「」『』`;
const OPENING = `"'“‘「『`;

function anchorPattern(needle: string): RegExp {
  const body = [...needle]
    .map((ch) => {
      if (/\s/u.test(ch)) return '\\s+';
      if (QUOTES.includes(ch)) return `[${QUOTES}]`;
      return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('')
    .replace(/(?:\\s\+)+/g, '\\s+');
  return new RegExp(body, 'gu');
}
