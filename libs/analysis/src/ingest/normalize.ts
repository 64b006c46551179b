/** Normalizes decoded text so every later step sees one convention: LF line ends, NFC, plain
 * spaces instead of non-breaking, ideographic and other Unicode spaces, ASCII instead of
 * full-width letters and digits, no zero-width or control characters, no trailing spaces.
 * Line by line, so a line of a million spaces costs linear time. */
export function normalizeText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(/[\uFEFF\u200B-\u200D\u2060\u00AD]/g, '')
    .replace(/[\t\u000B\u000C\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/g, ' ')
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, ' ')
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
