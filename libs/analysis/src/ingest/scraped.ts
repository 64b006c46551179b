/** A physical line this long holding full-width paragraph indents is several paragraphs run
 * together by a website. */
const LONG_LINE = 400;
const INDENT = /[ \t]*\u3000{2,}/g;

/**
 * Chinese text scraped from websites puts a whole chapter on one physical line, its paragraphs
 * separated by full-width indents (`　　`): give each paragraph a line of its own (run before
 * normalization, which turns those spaces into plain ones). Short lines are left alone.
 */
export function splitRunTogetherParagraphs(raw: string): string {
  if (!raw.includes('\u3000\u3000')) return raw;
  return raw
    .split('\n')
    .map((line) => {
      if (line.length < LONG_LINE || !line.includes('\u3000\u3000')) return line;
      const lead = /^[ \t\u3000]*/.exec(line)?.[0] ?? '';
      const body = line.slice(lead.length).replace(INDENT, '\n\u3000\u3000');
      return lead + body;
    })
    .join('\n');
}
