const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const HTML_SPECIAL = /[&<>"']/g;

/** Escapes text for use in HTML element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (ch) => HTML_ESCAPES[ch] ?? ch);
}

export const ELLIPSIS = '…';

/**
 * Shortens `text` to at most `maxChars` code points (ellipsis included), never splitting a
 * surrogate pair. When a space falls in the last fifth of the cut, the cut moves back to it so
 * that English words stay whole; text without spaces (Chinese) is cut at the limit.
 */
export function truncateText(text: string, maxChars: number): string {
  // Code points never outnumber UTF-16 code units: the common short case skips Array.from.
  if (text.length <= maxChars) return text;
  const codePoints = Array.from(text);
  if (codePoints.length <= maxChars) return text;
  let cut = codePoints.slice(0, Math.max(0, maxChars - 1)).join('');
  const lastSpace = cut.lastIndexOf(' ');
  if (lastSpace > 0 && lastSpace >= cut.length * 0.8) cut = cut.slice(0, lastSpace);
  return cut.trimEnd() + ELLIPSIS;
}

/** `1234567` → `1,234,567`, independent of the host locale so that output stays deterministic. */
export function formatCount(value: number): string {
  const [whole = '0', fraction] = String(value).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + grouped + (fraction === undefined ? '' : `.${fraction}`);
}
