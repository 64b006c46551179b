/** Removes what a distributor wraps around a book: the Project Gutenberg header, licence and
 * footer, and website advert lines (any line carrying a URL or a bare domain). */
export function stripBoilerplate(text: string): string {
  let body = text;
  const start = /^[ \t]*\*{3}[ \t]*START OF (?:THE|THIS) PROJECT GUTENBERG[^\n]*$/im.exec(body);
  if (start) body = body.slice(start.index + start[0].length);
  const end = /^[ \t]*\*{3}[ \t]*END OF (?:THE|THIS) PROJECT GUTENBERG/im.exec(body);
  if (end) body = body.slice(0, end.index);
  const footer = /^[ \t]*End of (?:the |this )?Project Gutenberg/im.exec(body);
  if (footer && (footer.index > body.length * 0.8 || body.length - footer.index < 2000))
    body = body.slice(0, footer.index);
  const licence = /^[ \t]*\*{3}[ \t]*START: FULL LICENSE/im.exec(body);
  if (licence) body = body.slice(0, licence.index);
  const lines = body.split('\n').map((line) => (isAdvert(line) || isJunkOnly(line) ? '' : line));
  let first = 0;
  while (first < lines.length && (lines[first] ?? '').trim() === '') first++;
  let last = lines.length;
  while (last > first && (lines[last - 1] ?? '').trim() === '') last--;
  return lines.slice(first, last).join('\n');
}

/** A short line that carries a web address: a distributor's advert, never story text. */
function isAdvert(line: string): boolean {
  return line.length <= 400 && ADVERT.test(line);
}

/** A line holding only the junk some sites put before headings (`《》目录`, `正文`, `《书名》`). */
function isJunkOnly(line: string): boolean {
  return line.length <= 120 && line.trim() !== '' && JUNK_ONLY.test(line.trim());
}

const ADVERT = /https?:\/\/|www\.|\b[a-z0-9-]{2,}\.(?:com|net|org|cn|cc|info|top|tw|hk)\b/i;
const JUNK_ONLY = /^(?:《[^》]{0,40}》|【[^】]{0,40}】|正文|目录| )+$/;
