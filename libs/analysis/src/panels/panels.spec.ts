import { describe, expect, it } from 'vitest';
import { describeSpeech } from './panels';

describe('describeSpeech', () => {
  const names = new Map([
    ['c1', 'Elsie'],
    ['c2', 'the Captain'],
    ['c3', '林小雨'],
    ['c4', '奶奶'],
  ]);

  it('names who talks instead of repeating the speech', () => {
    expect(describeSpeech(['c2'], names, 'en')).toBe('The Captain speaks.');
    expect(describeSpeech(['c1', 'c2', 'c1'], names, 'en')).toBe('Elsie and the Captain talk.');
    // No invented caption when nobody is named (issue 16): the panel shows the line itself.
    expect(describeSpeech([null], names, 'en')).toBeUndefined();
    expect(describeSpeech(['c3', 'c4'], names, 'zh')).toBe('林小雨与奶奶对话。');
    expect(describeSpeech([null, null], names, 'zh')).toBeUndefined();
  });
});

describe('captions', () => {
  it('never start with the tail of a speech cue and never invent a line', async () => {
    const { planChunks } = await import('@storyboard/domain');
    const { HeuristicStoryboardGenerator } = await import('../heuristic-storyboard-generator');
    const { ingestBytes } = await import('../ingest/ingest');
    const { outlineChapters } = await import('../structure/chapters');
    const { ENGLISH_FIXTURE, CHINESE_FIXTURE } = await import('../dialogue/speaker-fixture');
    const source =
      'CHAPTER I. The Storm\n\n“It’s getting worse, Papa,” said Elsie, pressing her nose to the window. She was nine.\n\n“A ship,” Tom agreed, “and too close to the reef.”\n\n“Who is there?” said a voice.\n\n“Nobody,” he said.';
    const captions: string[] = [];
    for (const [text, cast] of [
      [
        source,
        [
          { id: 'elsie', name: 'Elsie', aliases: [] },
          { id: 'tom', name: 'Tom', aliases: [] },
        ],
      ],
      [ENGLISH_FIXTURE.text, ENGLISH_FIXTURE.cast],
      [CHINESE_FIXTURE.text, CHINESE_FIXTURE.cast],
    ] as const) {
      const ingested = await ingestBytes(new TextEncoder().encode(text));
      const [chunk] = planChunks(ingested.text, outlineChapters(ingested.text), 1_000_000);
      if (!chunk) throw new Error('no chunk');
      const fragment = await new HeuristicStoryboardGenerator().generate({
        chunk,
        text: ingested.text,
        language: ingested.language,
        cast: cast.map((c) => ({ id: c.id, name: c.name, aliases: [...c.aliases] })),
      });
      for (const s of fragment.sections)
        for (const sc of s.scenes)
          for (const p of sc.panels) captions.push(p.description, p.narration ?? '');
    }
    expect(captions).toContain('Elsie, pressing her nose to the window.');
    for (const c of captions) {
      expect(c).not.toMatch(/^(?:said|agreed|whispered|cried|replied)\b/);
      expect(c).not.toMatch(/^(?:Tom|Elsie)\.?$/);
      expect(c).not.toMatch(/有人说话|Someone speaks/);
      expect(c).not.toMatch(/^[\u4e00-\u9fff]{1,4}(?:笑道|道|说|问)[：:。]?$/);
    }
  });
});
