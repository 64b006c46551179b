import type { ChapterOutline, ChunkSection, ChunkSpec } from '../storyboard/chunk-plan.schema';

/**
 * Cuts the text into chapter-aligned chunks of at most `maxChunkChars` (UTF-16 units): whole
 * chapters are packed together while they fit; a chapter longer than a chunk is cut into
 * parts at paragraph boundaries (a blank line, else a line end, else a hard cut).
 * Deterministic: the same text and chapters always give the same plan.
 */
export function planChunks(
  text: string,
  chapters: readonly ChapterOutline[],
  maxChunkChars: number,
): ChunkSpec[] {
  if (maxChunkChars < 1) throw new RangeError('maxChunkChars must be at least 1');
  const sections = chapters.flatMap((chapter) => splitChapter(text, chapter, maxChunkChars));
  const chunks: ChunkSpec[] = [];
  let current: ChunkSection[] = [];
  let currentSize = 0;
  const flush = () => {
    const first = current[0];
    const last = current[current.length - 1];
    if (!first || !last) return;
    chunks.push({
      index: chunks.length,
      span: { start: first.span.start, end: last.span.end },
      sections: current,
    });
    current = [];
    currentSize = 0;
  };
  for (const section of sections) {
    const size = section.span.end - section.span.start;
    if (current.length > 0 && currentSize + size > maxChunkChars) flush();
    current.push(section);
    currentSize += size;
  }
  flush();
  return chunks;
}

function splitChapter(text: string, chapter: ChapterOutline, max: number): ChunkSection[] {
  const parts: ChunkSection[] = [];
  let start = chapter.span.start;
  const end = chapter.span.end;
  // Who speaks as the chapter opens belongs to its first part only.
  const opening = chapter.openSpeaker ? { openSpeaker: chapter.openSpeaker } : {};
  while (end - start > max) {
    const cut = findCut(text, start, start + max);
    parts.push({
      chapterIndex: chapter.index,
      title: chapter.title,
      part: parts.length + 1,
      span: { start, end: cut },
      ...(parts.length === 0 ? opening : {}),
    });
    start = cut;
  }
  parts.push({
    chapterIndex: chapter.index,
    title: chapter.title,
    part: parts.length + 1,
    span: { start, end },
    ...(parts.length === 0 ? opening : {}),
  });
  return parts;
}

/** The last paragraph break in the back half of (start, limit]; else the last line end; else
 * `limit` itself (never inside a surrogate pair). */
function findCut(text: string, start: number, limit: number): number {
  const floor = start + Math.floor((limit - start) / 2);
  const blank = text.lastIndexOf('\n\n', limit - 2);
  if (blank >= floor) return blank + 2;
  const line = text.lastIndexOf('\n', limit - 1);
  if (line >= floor) return line + 1;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
