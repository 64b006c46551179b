import { FragmentSchema } from '@storyboard/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_PRESENT, CORPUS_SKIP_MESSAGE, readCorpus } from './test-support/corpus';
import { runPipeline, type PipelineResult } from './test-support/run-pipeline';
import { buildCast } from './characters/cast';

if (!CORPUS_PRESENT) console.warn(CORPUS_SKIP_MESSAGE);

/** Main characters from ../shared/corpus/README.md; each inner list is one person's names. */
const MAIN_CHARACTERS: Record<string, string[][]> = {
  'en-alice-in-wonderland.txt': [
    ['Alice'],
    ['the Queen'],
    ['the King'],
    ['the Hatter'],
    ['the Gryphon'],
    ['the Mock Turtle'],
    ['the Duchess'],
    ['the White Rabbit'],
    ['the Caterpillar'],
    ['the Cheshire Cat'],
    ['the Dormouse'],
    ['the March Hare'],
  ],
  'en-the-time-machine.txt': [
    ['the Time Traveller'],
    ['Weena'],
    ['Filby'],
    ['the Psychologist'],
    ['the Medical Man'],
  ],
  'en-a-christmas-carol.txt': [
    ['Scrooge'],
    ['Bob Cratchit'],
    ['Marley'],
    ['Fred'],
    ['Tiny Tim'],
    ['Fezziwig'],
    ['Belle'],
    ['the Ghost of Christmas Past'],
    ['the Ghost of Christmas Present'],
    ['the Ghost of Christmas Yet to Come'],
  ],
  'zh-journey-to-the-west.txt': [
    ['孙悟空', '悟空', '行者', '大圣', '美猴王', '猴王'],
    ['唐僧', '三藏', '唐三藏', '师父'],
    ['猪八戒', '八戒', '呆子'],
    ['沙僧', '沙和尚', '悟净'],
    ['观音', '菩萨'],
    ['如来'],
    ['玉帝'],
    ['龙王'],
    ['太上老君'],
    ['白龙马'],
  ],
};

/** Words that are plainly not characters, to count false entries in a top 15. */
const NOT_CHARACTERS = new Set([
  'christmas',
  'london',
  'god',
  'heaven',
  'time machine',
  'thames',
  'palace of green porcelain',
  'white sphinx',
  'majesty',
  'england',
  'english',
  'merry christmas',
  'city',
  '心中',
  '只见',
  '上前',
  '不知',
  '一声',
]);

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/^(mr|mrs|dr)\.\s+/, '');

const EXPECTED = [
  {
    file: 'en-alice-in-wonderland.txt',
    chapters: 12,
    first: 'CHAPTER I. Down the Rabbit-Hole',
    last: 'CHAPTER XII. Alice’s Evidence',
  },
  { file: 'en-the-time-machine.txt', chapters: 17, first: 'I. Introduction', last: 'Epilogue' },
  {
    file: 'en-a-christmas-carol.txt',
    chapters: 5,
    first: "STAVE I: MARLEY'S GHOST",
    last: 'STAVE V: THE END OF IT',
  },
  {
    file: 'en-a-tale-of-two-cities.txt',
    chapters: 45,
    first: 'I. The Period',
    last: 'XV. The Footsteps Die Out For Ever',
  },
  {
    file: 'en-memoirs-of-sherlock-holmes.txt',
    chapters: 11,
    first: 'Adventure I. Silver Blaze',
    last: 'Adventure XI. The Final Problem',
  },
  {
    file: 'zh-journey-to-the-west.txt',
    chapters: 100,
    first: '第一回 灵根育孕源流出 心性修持大道生',
    last: '第一百回 径回东土 五圣成真',
  },
  {
    file: 'zh-journey-to-the-west-ch1-3.gb18030.txt',
    chapters: 3,
    first: '第一回 灵根育孕源流出 心性修持大道生',
    last: '第三回 四海千山皆拱伏 九幽十类尽除名',
  },
] as const;

describe.skipIf(!CORPUS_PRESENT)(`corpus in ../shared/corpus (skipped when absent)`, () => {
  const results = new Map<string, PipelineResult>();
  beforeAll(async () => {
    for (const { file } of EXPECTED) results.set(file, await runPipeline(readCorpus(file)));
  }, 120_000);
  const get = (file: string) => results.get(file) as PipelineResult;

  describe.each(EXPECTED)('$file', ({ file, chapters, first, last }) => {
    it(`has exactly ${chapters} chapters titled from the headings`, () => {
      const r = get(file);
      expect(r.chapters).toHaveLength(chapters);
      expect(r.chapters[0]?.title).toBe(first);
      expect(r.chapters[r.chapters.length - 1]?.title).toBe(last);
      expect(r.chapters.map((c) => c.index)).toEqual(r.chapters.map((_, i) => i + 1));
    });

    it('keeps licence, advert and table-of-contents text out of the story', () => {
      const { text } = get(file).ingested;
      expect(text).not.toMatch(/Project Gutenberg|gutenberg\.org|https?:\/\/|www\./i);
      expect(text).not.toMatch(/^\s*CONTENTS\s*$/m);
      expect(get(file).chapters.every((c) => c.span.end - c.span.start > 1000)).toBe(true);
    });

    it('produces fragments that match the schema, with spans inside their chapters', () => {
      const r = get(file);
      for (const fragment of r.fragments) {
        expect(FragmentSchema.safeParse(fragment).success).toBe(true);
        for (const section of fragment.sections) {
          const chapter = r.chapters[section.chapterIndex - 1];
          for (const scene of section.scenes) {
            expect(scene.span.start).toBeGreaterThanOrEqual(chapter?.span.start ?? Infinity);
            expect(scene.span.end).toBeLessThanOrEqual(chapter?.span.end ?? -1);
          }
        }
      }
    });
  });

  it('lists the English headings in the English files with their own numbering', () => {
    const titles = get('en-the-time-machine.txt').chapters.map((c) => c.title);
    expect(titles.slice(0, 3)).toEqual([
      'I. Introduction',
      'II. The Machine',
      'III. The Time Traveller Returns',
    ]);
    expect(get('en-a-christmas-carol.txt').chapters.map((c) => c.title)).toContain(
      'STAVE III: THE SECOND OF THE THREE SPIRITS',
    );
  });

  it('restarts the chapter numerals in each of the three books of A Tale of Two Cities (6 + 24 + 15)', () => {
    const titles = get('en-a-tale-of-two-cities.txt').chapters.map((c) => c.title);
    const restarts = titles.flatMap((t, i) => (t.startsWith('I. ') ? [i] : []));
    expect(restarts).toEqual([0, 6, 30]);
    expect(titles[6]).toBe('I. Five Years Later');
    expect(titles[30]).toBe('I. In Secret');
    expect(titles.some((t) => /^Book the/i.test(t))).toBe(false);
  });

  it('numbers the Memoirs’ adventures I to XI in order', () => {
    const titles = get('en-memoirs-of-sherlock-holmes.txt').chapters.map((c) => c.title);
    const numerals = 'I II III IV V VI VII VIII IX X XI'.split(' ');
    expect(titles.map((t) => /^Adventure ([IVX]+)\. /.exec(t)?.[1])).toEqual(numerals);
  });

  it('decodes the GB18030 file to the same text as the first three chapters of the UTF-8 original', () => {
    const gb = get('zh-journey-to-the-west-ch1-3.gb18030.txt');
    const utf8 = get('zh-journey-to-the-west.txt');
    expect(gb.ingested.encoding).toBe('gb18030');
    const fourth = utf8.chapters[3]?.span.start ?? 0;
    expect(gb.ingested.text).toBe(utf8.ingested.text.slice(0, fourth).trimEnd());
    expect(gb.chapters).toEqual(utf8.chapters.slice(0, 3));
  });

  describe.each(Object.entries(MAIN_CHARACTERS))('characters of %s', (file, main) => {
    it('has most main characters among the 15 most mentioned and at most 2 non-characters', () => {
      const { ingested } = get(file);
      const top = buildCast(ingested.text, ingested.language).slice(0, 15);
      const names = top.map((c) => [c.name, ...c.aliases].map(norm));
      const found = main.filter((aliases) =>
        names.some((n) => aliases.some((a) => n.includes(norm(a)))),
      );
      const ratio = found.length / main.length;
      expect(ratio).toBeGreaterThanOrEqual(file.startsWith('zh') ? 0.6 : 0.7);
      const junk = top.filter((c) =>
        [c.name, ...c.aliases].some((n) => NOT_CHARACTERS.has(norm(n))),
      );
      expect(junk.length).toBeLessThanOrEqual(2);
    });
  });

  it('captures at least 90% of the quoted speeches in Alice as dialogue', () => {
    const r = get('en-alice-in-wonderland.txt');
    const { text } = r.ingested;
    // Reference, independent of the quote parser: every ‘ that opens a word starts a speech.
    const openers = [...text.matchAll(/(?<![\p{L}\p{N}])‘/gu)].map((m) => m.index);
    const dialogue = r.fragments
      .flatMap((f) =>
        f.sections.flatMap((s) =>
          s.scenes.flatMap((sc) => sc.panels.flatMap((p) => p.dialogue.map((d) => d.text))),
        ),
      )
      .join('\n');
    const captured = openers.filter((at) => {
      const words =
        text
          .slice(at + 1, at + 60)
          .replace(/\s+/g, ' ')
          .split(/[’]/)[0]
          ?.slice(0, 25)
          .trim() ?? '';
      return words.length === 0 || dialogue.includes(words);
    });
    expect(openers.length).toBeGreaterThan(800);
    expect(captured.length / openers.length).toBeGreaterThanOrEqual(0.9);
  });

  it('gives byte-identical fragments for the same bytes', async () => {
    const again = await runPipeline(readCorpus('en-alice-in-wonderland.txt'));
    expect(JSON.stringify(again.fragments)).toBe(
      JSON.stringify(get('en-alice-in-wonderland.txt').fragments),
    );
    expect(JSON.stringify(again.cast)).toBe(JSON.stringify(get('en-alice-in-wonderland.txt').cast));
  });
});
