/**
 * The book's own title, if the file states one: a distributor header line `Title: …`
 * (Project Gutenberg), a first line in title marks `《…》`, or a short first line standing
 * alone (or above a byline) at the top (no sentence punctuation, not a chapter heading).
 * `null` otherwise.
 * Reads only the first few KB of the normalized (pre-stripping) text.
 */
export function detectTitle(normalized: string): string | null {
  const head = normalized.slice(0, 8_000);
  const header = /^Title:[ \t]*(\S[^\n]{0,200})$/m.exec(head)?.[1]?.trim();
  if (header) return header;
  const lines = head.split('\n');
  const firstAt = lines.findIndex((l) => l.trim() !== '');
  const first = lines[firstAt]?.trim() ?? '';
  const marked = /^《([^《》]{1,60})》$/.exec(first)?.[1]?.trim();
  if (marked) return marked;
  // Alone on its line, or above a byline (`by …`, `作者：…`).
  const next = (lines[firstAt + 1] ?? '').trim();
  const standsAlone = next === '' || /^(?:by\s|作者)/i.test(next);
  const looksLikeTitle =
    first.length >= 2 &&
    first.length <= 80 &&
    !/[.!?。！？:：;；,，]$/.test(first) &&
    !/^(?:chapter|part|book|stave|prologue|epilogue|contents)\b/i.test(first) &&
    !/^第[零〇一二三四五六七八九十百千\d]+[回章节卷部]/.test(first) &&
    !/(?:https?:|www\.|gutenberg)/i.test(first);
  return standsAlone && looksLikeTitle && lines.length > firstAt + 2 ? first : null;
}
