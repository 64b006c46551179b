import { planChunks, type ChapterOutline } from '@storyboard/domain';
import { describe, expect, it } from 'vitest';
import { HeuristicStoryboardGenerator } from '../heuristic-storyboard-generator';
import { ingestBytes } from '../ingest/ingest';
import { outlineChapters } from '../structure/chapters';
import { withOpenSpeakers } from './chapter-carry';
import { ENGLISH_FIXTURE } from './speaker-fixture';

const long = (n: number) =>
  Array.from({ length: n }, (_, i) => `The sea was grey and the wind was cold on day ${i}.`).join(
    ' ',
  );

const BOOK = [
  'CHAPTER I. The Evening',
  '“Tell us what happened,” said Mara.',
  'Captain Holt lit his pipe. And with that Captain Holt began his story.',
  `“${long(10)}`,
  'CHAPTER II. The Voyage',
  `“${long(10)}`,
  `“${long(3)}”`,
  'CHAPTER III. The Morning',
  `“${long(3)}”`,
  'CHAPTER IV. The Return',
  'Mara looked at him. Nobody spoke for a while.',
].join('\n\n');

/** Every chapter in its own chunk: each chunk sees only its chapter's text. */
async function speakersByChapter(chapters: (text: string) => ChapterOutline[]) {
  const { text, language } = await ingestBytes(new TextEncoder().encode(BOOK));
  const generator = new HeuristicStoryboardGenerator();
  const out: (string | null)[][] = [];
  const chunks = planChunks(text, chapters(text), 700);
  // Chapter II opens a chunk of its own.
  expect(chunks.some((c) => c.sections[0]?.chapterIndex === 2 && c.sections[0].part === 1)).toBe(
    true,
  );
  for (const chunk of chunks) {
    const fragment = await generator.generate({
      chunk,
      text: text.slice(chunk.span.start, chunk.span.end),
      language,
      cast: ENGLISH_FIXTURE.cast,
    });
    for (const s of fragment.sections)
      out[s.chapterIndex - 1] = [
        ...(out[s.chapterIndex - 1] ?? []),
        ...s.scenes.flatMap((sc) => sc.panels.flatMap((p) => p.dialogue.map((d) => d.speaker))),
      ];
  }
  return out;
}

describe('a told story across a chunk boundary', () => {
  it('marks the chapters a told story runs on into with their teller', async () => {
    const { text, language } = await ingestBytes(new TextEncoder().encode(BOOK));
    const chapters = withOpenSpeakers(text, outlineChapters(text), ENGLISH_FIXTURE.cast, language);
    expect(chapters.map((c) => c.openSpeaker)).toEqual([undefined, 'holt', undefined, undefined]);
  });

  it('gives the teller the lines of a chunk that opens inside the story', async () => {
    const plain = await speakersByChapter(outlineChapters);
    const planned = await speakersByChapter((text) =>
      withOpenSpeakers(text, outlineChapters(text), ENGLISH_FIXTURE.cast, 'en'),
    );
    expect(plain[1]?.length).toBeGreaterThan(0);
    expect(plain[1]?.every((s) => s === null)).toBe(true);
    expect(planned[0]).toEqual(['mara', 'holt']);
    expect(planned[1]?.length).toBeGreaterThan(0);
    expect(planned[1]?.every((s) => s === 'holt')).toBe(true);
    // Chapter III opens with a quote too, but chapter II's closed it: nobody is carried.
    expect(planned[2]).toEqual([null]);
  });
});
