import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planChunks } from './plan-chunks';
import { ChunkSpecSchema, type ChapterOutline } from '../storyboard/chunk-plan.schema';

function chaptersOf(text: string, starts: number[]): ChapterOutline[] {
  return starts.map((start, i) => ({
    index: i + 1,
    title: `C${i + 1}`,
    span: { start, end: starts[i + 1] ?? text.length },
  }));
}

describe('planChunks', () => {
  it('packs whole chapters into one chunk while they fit', () => {
    const text = 'a'.repeat(300);
    const chunks = planChunks(text, chaptersOf(text, [0, 100, 200]), 250);
    expect(chunks.map((c) => c.sections.map((s) => s.chapterIndex))).toEqual([[1, 2], [3]]);
    expect(chunks[0]?.span).toEqual({ start: 0, end: 200 });
  });

  it('gives a chapter’s open speaker to its first part only, and none where the outline has none', () => {
    const text = Array.from({ length: 10 }, (_, i) => `Paragraph ${i} `.padEnd(48, '.')).join(
      '\n\n',
    );
    const [first, second] = chaptersOf(text, [0, 300]);
    if (!first || !second) throw new Error('two chapters expected');
    const chunks = planChunks(text, [first, { ...second, openSpeaker: 'teller' }], 120);
    const sections = chunks.flatMap((c) => c.sections);
    expect(sections.filter((s) => s.openSpeaker).map((s) => [s.chapterIndex, s.part])).toEqual([
      [2, 1],
    ]);
    expect(sections.find((s) => s.chapterIndex === 2)?.openSpeaker).toBe('teller');
    expect(sections.filter((s) => s.chapterIndex === 1).every((s) => !('openSpeaker' in s))).toBe(
      true,
    );
    expect(ChunkSpecSchema.array().parse(chunks)).toEqual(chunks);
  });

  it('cuts a long chapter into parts at paragraph breaks', () => {
    const text = Array.from({ length: 10 }, (_, i) => `Paragraph ${i} `.padEnd(48, '.')).join(
      '\n\n',
    );
    const chunks = planChunks(text, chaptersOf(text, [0]), 120);
    const parts = chunks.flatMap((c) => c.sections);
    expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i + 1));
    for (const part of parts.slice(1))
      expect(text.slice(part.span.start, part.span.start + 9)).toBe('Paragraph');
  });

  it('covers every chapter exactly once, in order, within the size cap (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 2000 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.integer({ min: 10, max: 500 }),
        (text, cuts, max) => {
          const starts = [...new Set([0, ...cuts.map((c) => c % text.length)])].sort(
            (a, b) => a - b,
          );
          const chapters = chaptersOf(text, starts);
          const chunks = planChunks(text, chapters, max);
          const sections = chunks.flatMap((c) => c.sections);
          expect(sections[0]?.span.start).toBe(0);
          expect(sections[sections.length - 1]?.span.end).toBe(text.length);
          for (let i = 1; i < sections.length; i++) {
            expect(sections[i]?.span.start).toBe(sections[i - 1]?.span.end);
          }
          for (const chunk of chunks) {
            const size = chunk.sections.reduce((n, s) => n + s.span.end - s.span.start, 0);
            expect(size <= max || chunk.sections.length === 1).toBe(true);
            for (const s of chunk.sections)
              expect(s.span.end - s.span.start).toBeLessThanOrEqual(max);
          }
          expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
        },
      ),
      { numRuns: 300 },
    );
  });
});
