import { FragmentSchema, InvalidNovelTextError, planChunks } from '@storyboard/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeuristicStoryboardGenerator } from './heuristic-storyboard-generator';
import { HeuristicTextAnalyzer } from './heuristic-text-analyzer';

const analyzer = new HeuristicTextAnalyzer();
const encode = (s: string) => new TextEncoder().encode(s);

/** The whole pipeline on raw bytes: the same path a job takes. */
async function storyboard(bytes: Uint8Array, maxChunkChars = 5_000) {
  const ingested = await analyzer.ingest(bytes);
  const outline = await analyzer.outline(ingested.text, ingested.language);
  const generator = new HeuristicStoryboardGenerator();
  const chunks = planChunks(ingested.text, outline.chapters, maxChunkChars);
  const fragments = [];
  for (const chunk of chunks) {
    const text = ingested.text.slice(chunk.span.start, chunk.span.end);
    fragments.push(
      await generator.generate({ chunk, text, language: ingested.language, cast: outline.cast }),
    );
  }
  return { ingested, outline, chunks, fragments };
}

const STORY = `CHAPTER I. The Storm

The wind rose over the harbour town. Nell ran down to the quay where Tom was tying up the boat.

“Help me with the rope!” cried Tom.

“I am coming,” Nell said. “Hold it fast.”

They dragged the boat up the shingle. Tom wiped the rain from his eyes and laughed.

* * *

The next morning the sea was flat and grey. Nell found a letter wedged under the door.

“It is from Father,” said Nell.

CHAPTER II. The Letter

Tom read the letter twice. “He is coming home,” he said.

“When?” asked Nell.

“Tomorrow, if the weather holds.”
`;

describe('HeuristicStoryboardGenerator', () => {
  it('returns one valid fragment section per chunk section with absolute spans inside the section', async () => {
    const { chunks, fragments, ingested } = await storyboard(encode(STORY));
    for (const [i, fragment] of fragments.entries()) {
      expect(FragmentSchema.parse(fragment)).toEqual(fragment);
      expect(fragment.generator).toBe('heuristic');
      const chunk = chunks[i];
      expect(fragment.sections.map((s) => [s.chapterIndex, s.part])).toEqual(
        chunk?.sections.map((s) => [s.chapterIndex, s.part]),
      );
      for (const [k, section] of fragment.sections.entries()) {
        const span = chunk?.sections[k]?.span ?? { start: 0, end: 0 };
        for (const scene of section.scenes) {
          expect(scene.span.start).toBeGreaterThanOrEqual(span.start);
          expect(scene.span.end).toBeLessThanOrEqual(span.end);
          for (const panel of scene.panels) {
            const source = ingested.text.slice(panel.span.start, panel.span.end);
            for (const line of panel.dialogue)
              expect(source.replace(/\s+/g, ' ')).toContain(line.text);
          }
        }
      }
    }
  });

  it('splits scenes at a break marker and opens each scene on an establishing shot', async () => {
    const { fragments } = await storyboard(encode(STORY.repeat(2)));
    const chapter1 = fragments.flatMap((f) => f.sections).filter((s) => s.chapterIndex === 1);
    const scenes = chapter1.flatMap((s) => s.scenes);
    expect(scenes).toHaveLength(2);
    for (const scene of scenes) expect(scene.panels[0]?.shot).toBe('establishing');
    expect(scenes.flatMap((s) => s.panels.map((p) => p.shot))).toContain('over-the-shoulder');
  });

  it('labels speakers with cast ids and counts mentions per cast id', async () => {
    const { fragments, outline } = await storyboard(encode(STORY.repeat(2)));
    const id = (name: string) => outline.cast.find((c) => c.name === name)?.id;
    expect(id('Nell')).toBeDefined();
    expect(id('Tom')).toBeDefined();
    const lines = fragments.flatMap((f) =>
      f.sections.flatMap((s) => s.scenes.flatMap((sc) => sc.panels.flatMap((p) => p.dialogue))),
    );
    expect(lines.find((l) => l.text.startsWith('Help me'))?.speaker).toBe(id('Tom'));
    expect(lines.find((l) => l.text.startsWith('It is from Father'))?.speaker).toBe(id('Nell'));
    const total = fragments.reduce((n, f) => n + (f.mentions[id('Nell') ?? ''] ?? 0), 0);
    expect(total).toBe(STORY.repeat(2).match(/\bNell\b/g)?.length);
  });

  it('fills a scene location where the scene opens by stating a place, and only there (both languages)', async () => {
    const en = await storyboard(
      encode(
        'CHAPTER I. The Inn\n\nIn the kitchen of the Anchor, Nell was peeling potatoes while Tom talked of the sea and the boats and the weather.\n\n“Pass the salt,” said Tom.\n\n* * *\n\nThe next morning the sea was flat and grey, and Nell walked along the shore looking for the boat.\n\n“There it is,” said Nell.\n',
      ),
    );
    const enScenes = en.fragments.flatMap((f) => f.sections.flatMap((s) => s.scenes));
    expect(enScenes.map((s) => s.location)).toEqual(['the kitchen of the Anchor', undefined]);
    const zh = await storyboard(
      encode(
        '第一回 下山\n\n　　却说那行者一路驾云，早来到花果山水帘洞前，按下云头，只见群猴都在洞外玩耍。\n\n　　行者叫道：“小的们，我回来了！”\n\n第二回 拜师\n\n　　众猴一齐跪下，口中只叫大王，行者便把话说了一遍。\n',
      ),
    );
    const zhScenes = zh.fragments.flatMap((f) => f.sections.flatMap((s) => s.scenes));
    expect(zhScenes[0]?.location).toBe('花果山水帘洞');
    expect(zhScenes.length).toBeGreaterThan(1);
    expect(zhScenes.slice(1).every((s) => s.location === undefined)).toBe(true);
  });

  it('gives byte-identical output for the same bytes', async () => {
    const a = await storyboard(encode(STORY));
    const b = await storyboard(encode(STORY));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('stops when its signal is aborted', async () => {
    const { chunks, ingested, outline } = await storyboard(encode(STORY));
    const chunk = chunks[0];
    if (!chunk) throw new Error('no chunk');
    const controller = new AbortController();
    controller.abort();
    const input = {
      chunk,
      text: ingested.text.slice(chunk.span.start, chunk.span.end),
      language: ingested.language,
      cast: outline.cast,
    };
    await expect(
      new HeuristicStoryboardGenerator().generate(input, controller.signal),
    ).rejects.toThrow();
  });
});

describe('bad input', () => {
  it.each([
    ['empty', new Uint8Array()],
    ['whitespace only', encode('  \n\t\r\n   \u3000 ')],
    [
      'a PNG image',
      new Uint8Array([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0,
        1, 0,
      ]),
    ],
  ])('refuses %s with a clear error', async (_, bytes) => {
    await expect(analyzer.ingest(bytes)).rejects.toThrow(InvalidNovelTextError);
  });

  it('makes one chapter of one line', async () => {
    const { outline, fragments } = await storyboard(
      encode('The end came quietly, as it always does.'),
    );
    expect(outline.chapters).toEqual([{ index: 1, title: 'Part 1', span: { start: 0, end: 40 } }]);
    expect(fragments[0]?.sections[0]?.scenes[0]?.panels).toHaveLength(1);
  });

  it('splits a text with no headings into parts', async () => {
    const text = Array.from(
      { length: 300 },
      (_, i) => `Paragraph ${i} goes on about the weather, the sea and the town for a while.`,
    ).join('\n\n');
    const { outline } = await storyboard(encode(text), 10_000);
    expect(outline.chapters.length).toBeGreaterThan(1);
    expect(outline.chapters[0]?.title).toBe('Part 1');
  });

  it('survives garbage bytes in the middle of a UTF-8 book', async () => {
    const head = encode(STORY);
    const junk = new Uint8Array(200).map((_, i) => 0x80 + ((i * 37) % 127));
    const bytes = new Uint8Array([...head, ...junk, ...head]);
    const { outline, fragments } = await storyboard(bytes);
    expect(outline.chapters.length).toBeGreaterThanOrEqual(2);
    expect(fragments.length).toBeGreaterThan(0);
  });
});

// A hang guard, not a speed check: the test's own timeout fails it if the input makes the
// engine stall (speed is measured by `npm run bench:analysis`).
describe('pathological input never hangs', () => {
  it.each([
    ['a line of 300k spaces', `a${' '.repeat(300_000)}b\nmore`],
    ['300k blank lines', `word\n${'\n'.repeat(300_000)}end`],
    ['one 400 KB line full of quotes', '“Go,” said Ann. ‘No’ — '.repeat(20_000)],
    ['one Chinese line of 50k speeches', '行者道：“师父！”'.repeat(50_000)],
  ])(
    '%s',
    async (_, text) => {
      const { outline } = await storyboard(encode(text), 60_000);
      expect(outline.chapters.length).toBeGreaterThan(0);
    },
    20_000,
  );
});

describe('property: any text or bytes', () => {
  const run = async (bytes: Uint8Array) => {
    try {
      const { fragments } = await storyboard(bytes, 2_000);
      for (const f of fragments) expect(FragmentSchema.safeParse(f).success).toBe(true);
    } catch (err) {
      // The only acceptable failure is a clear refusal of the input.
      expect(err).toBeInstanceOf(InvalidNovelTextError);
    }
  };

  it('never crashes or hangs on random strings', async () => {
    const pieces = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '\n',
        '\n\n',
        '“',
        '”',
        '‘',
        '’',
        '"',
        '「',
        '」',
        'CHAPTER I.',
        '第一回',
        'said Alice',
        '行者道：',
        '* * *',
        'Mr. ',
        ' the Queen',
        '\r\n',
        '\u3000',
      ),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')),
        (s) => run(encode(s)),
      ),
      {
        numRuns: 150,
        seed: 42,
      },
    );
  });

  it('never crashes or hangs on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), (b) => run(b)),
      { numRuns: 100, seed: 7 },
    );
  });
});
