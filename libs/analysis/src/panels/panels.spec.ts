import { describe, expect, it } from 'vitest';
import { artNote } from './art-note';

describe('artNote', () => {
  const base = { narration: '', inFrame: [], speakers: [] };

  it('says who talks to whom instead of repeating the speech', () => {
    expect(
      artNote({
        ...base,
        shot: 'medium',
        language: 'en',
        speakers: ['the Captain'],
        inFrame: ['the Captain'],
      }),
    ).toBe('Medium shot: the Captain speaks.');
    expect(
      artNote({
        ...base,
        shot: 'over-the-shoulder',
        language: 'en',
        speakers: ['Tom'],
        listener: 'Elsie',
      }),
    ).toBe('Over-the-shoulder shot: Tom speaks to Elsie.');
    expect(
      artNote({ ...base, shot: 'over-the-shoulder', language: 'zh', speakers: ['林小雨', '奶奶'] }),
    ).toBe('过肩镜头：林小雨与奶奶对话。');
  });

  it('names the place or the object in view, never the narration again', () => {
    const narration =
      'The fishing boats sat in a row along the harbour wall, and the sea was calm.';
    const note = artNote({ ...base, shot: 'wide', language: 'en', narration, inFrame: ['Elsie'] });
    expect(note).toBe('Wide shot of the sea with Elsie.');
    expect(
      artNote({ ...base, shot: 'insert', language: 'en', narration: 'He held the letter.' }),
    ).toBe('Insert of the letter.');
    expect(
      artNote({
        ...base,
        shot: 'establishing',
        language: 'zh',
        narration: '青石镇坐落在小河边。',
        location: '青石镇',
        inFrame: ['林小雨'],
      }),
    ).toBe('远景：青石镇，林小雨。');
    // `书包` is a school bag, not a book: no object named.
    expect(artNote({ ...base, shot: 'insert', language: 'zh', narration: '小雨放下书包。' })).toBe(
      '插入镜头。',
    );
  });

  it('invents nothing when nobody is named', () => {
    expect(artNote({ ...base, shot: 'medium', language: 'en' })).toBe('Medium shot.');
    expect(artNote({ ...base, shot: 'medium', language: 'zh' })).toBe('中景。');
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
      'CHAPTER I. The Storm\n\n“It’s getting worse, Papa,” said Elsie, pressing her nose to the window. She was nine.\n\n“A ship,” Tom agreed, “and too close to the reef.”\n\n“Who is there?” said a voice.\n\n“Nobody,” he said.\n\n“Good night,” said Tom, and walked to the door.\n\n“Guard!” said the passenger, in a quiet voice. The guard nodded.\n\n“Barsad,” repeated madame. “Good.”';
    const captions: string[] = [];
    const notes: string[] = [];
    const pairs: [string, string][] = [];
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
          for (const p of sc.panels) {
            notes.push(p.description);
            captions.push(p.narration ?? '');
            pairs.push([p.description, p.narration ?? '']);
          }
    }
    // What Elsie does as she speaks is the art note; the caption is the sentence after it.
    expect(notes.some((n) => n.endsWith(': Elsie, pressing her nose to the window.'))).toBe(true);
    expect(captions).toContain('She was nine.');
    expect(captions).toContain('Tom walked to the door.');
    expect(captions.some((c) => c.startsWith('Elsie, pressing'))).toBe(false);
    // A speaker the text describes rather than names: the cue goes to the art note too.
    expect(captions).toContain('The guard nodded.');
    expect(notes.some((n) => n.includes('the passenger, in a quiet voice'))).toBe(true);
    for (const [note, caption] of pairs) {
      // the art note describes the panel: never its narration's first sentence again
      if (caption) expect(caption.startsWith(note)).toBe(false);
    }
    for (const c of [...captions, ...notes]) {
      expect(c).not.toMatch(/^(?:said|agreed|whispered|cried|replied|repeated)\b/);
      expect(c).not.toMatch(/^(?:Tom|Elsie)\.?$/);
      expect(c).not.toMatch(/有人说话|Someone speaks/);
      expect(c).not.toMatch(/^[\u4e00-\u9fff]{1,4}(?:笑道|道|说|问)[：:。]?$/);
    }
  });
});
