/** Normalizes decoded text so every later step sees one convention: LF line ends, NFC, plain
 * spaces instead of non-breaking, ideographic and other Unicode spaces, ASCII instead of
 * full-width letters and digits, no zero-width or control characters, no trailing spaces.
 * Trailing spaces are cut where a space meets a line end (`split(' \\n')`): memory in proportion
 * to the lines that have them, and a line of a million spaces still costs linear time. */
export function normalizeText(raw: string): string {
  let text = raw.replace(/\r\n?/g, '\n').normalize('NFC');
  const holdsRare = RARE.test(text);
  for (const [cls, by] of REPLACEMENTS) {
    if (!holdsRare && cls !== SPACES) continue;
    // A class absent from the text costs one search instead of a copy of the whole text.
    cls.lastIndex = 0;
    if (!cls.test(text)) continue;
    cls.lastIndex = 0;
    text = typeof by === 'string' ? text.replace(cls, by) : text.replace(cls, by);
  }
  text = text
    .split(' \n')
    .map((piece, i, all) => (i < all.length - 1 ? trimSpaces(piece) : piece))
    .join('\n');
  return trimSpaces(text);
}

/** Tabs and Unicode spaces (the ideographic space U+3000 indents Chinese paragraphs). */
const SPACES = /[\t\u000B\u000C\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g;

/** Zero-width and soft-hyphen characters go; Unicode spaces and control characters become plain
 * spaces; full-width letters and digits become ASCII. In this order. */
const REPLACEMENTS: readonly [RegExp, string | ((c: string) => string)][] = [
  [/[\uFEFF\u200B-\u200D\u2060\u00AD]/g, ''],
  [SPACES, ' '],
  [/[\u0000-\u0008\u000E-\u001F\u007F]/g, ' '],
  [
    /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g,
    (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  ],
];

/** Any character of the classes other than `SPACES`, which books seldom hold: one search of the
 * text for the three instead of one each — on 西游记 ~22 → ~15 M instructions (speed, measured). */
const RARE = new RegExp(
  `[${REPLACEMENTS.filter(([cls]) => cls !== SPACES)
    .map(([cls]) => cls.source.slice(1, -1))
    .join('')}]`,
);

/** The spaces at the end of a piece (before a line end) go; walks back, so it stays linear. */
function trimSpaces(piece: string): string {
  let end = piece.length;
  while (end > 0 && piece.charCodeAt(end - 1) === 32) end--;
  return end === piece.length ? piece : piece.slice(0, end);
}
