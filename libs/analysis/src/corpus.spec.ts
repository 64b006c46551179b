import { FragmentSchema } from '@storyboard/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_PRESENT, CORPUS_SKIP_MESSAGE, readCorpus } from './test-support/corpus';
import { runPipeline, type PipelineResult } from './test-support/run-pipeline';
import { buildCast } from './characters/cast';
import {
  MAIN_CHARACTERS,
  NOT_CHARACTERS,
  matchesPerson,
  normName,
} from './test-support/main-characters';

if (!CORPUS_PRESENT) console.warn(CORPUS_SKIP_MESSAGE);

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

  /** Recall of the README's main characters in the top 15 (any alias counts). A Christmas
   * Carol reaches 0.8 through its staves' ghosts (`the Ghost` read as the one each stave names);
   * Belle is named once in the whole book. */
  const RECALL: Record<string, number> = {
    'en-alice-in-wonderland.txt': 0.8,
    'en-the-time-machine.txt': 0.8,
    'en-a-christmas-carol.txt': 0.8,
    'en-a-tale-of-two-cities.txt': 0.8,
    'en-memoirs-of-sherlock-holmes.txt': 0.8,
    'zh-journey-to-the-west.txt': 0.7,
  };

  describe.each(Object.entries(MAIN_CHARACTERS))('characters of %s', (file, main) => {
    const top15 = () => {
      const { ingested } = get(file);
      return buildCast(ingested.text, ingested.language)
        .slice(0, 15)
        .map((c) => [c.name, ...c.aliases]);
    };

    it('has the main characters among the 15 most mentioned', () => {
      const entries = top15();
      const found = main.filter((person) => entries.some((names) => matchesPerson(names, person)));
      expect(found.length / main.length).toBeGreaterThanOrEqual(RECALL[file] ?? 0.8);
    });

    // 西游记 still splits 唐僧 / 三藏 / 师父 and 八戒 / 呆子 (each appears as a speaker of its own).
    it('gives each main character one entry and each entry one main character', () => {
      const entries = top15();
      for (const person of main)
        expect(
          entries.filter((names) => matchesPerson(names, person)).length,
          person[0],
        ).toBeLessThanOrEqual(1);
      for (const names of entries)
        expect(
          main.filter((person) => matchesPerson(names, person)).length,
          names[0],
        ).toBeLessThanOrEqual(1);
    });

    it('has no generic word, place or speech-cue phrase in the top 15', () => {
      const junk = top15().filter((names) => names.some((n) => NOT_CHARACTERS.has(normName(n))));
      expect(junk).toEqual([]);
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
