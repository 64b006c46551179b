import type { ChunkSpec } from '@storyboard/domain';
import { describe, expect, it } from 'vitest';
import { buildChunkMessages, buildRepairMessages, parseChunkPrompt } from './prompt';

const TEXT = 'CHAPTER I\n\nAlice sat by her sister.\n\nCHAPTER II\n\n“Curiouser!” cried Alice.';
const CHUNK: ChunkSpec = {
  index: 0,
  span: { start: 500, end: 500 + TEXT.length },
  sections: [
    {
      chapterIndex: 1,
      title: 'CHAPTER I',
      part: 1,
      span: { start: 500, end: 500 + TEXT.indexOf('CHAPTER II') },
    },
    {
      chapterIndex: 2,
      title: 'CHAPTER II',
      part: 1,
      span: { start: 500 + TEXT.indexOf('CHAPTER II'), end: 500 + TEXT.length },
    },
  ],
};
const CAST = [{ id: 'alice', name: 'Alice', aliases: [] }];

describe('buildChunkMessages', () => {
  it('asks for JSON in the novel’s language and carries cast and sections verbatim', () => {
    for (const language of ['en', 'zh'] as const) {
      const [system, user] = buildChunkMessages({ chunk: CHUNK, text: TEXT, language, cast: CAST });
      expect(system?.content).toContain('JSON');
      expect(user?.content).toContain('JSON');
      const back = parseChunkPrompt(system?.content ?? '', user?.content ?? '');
      expect(back?.language).toBe(language);
      expect(back?.cast).toEqual(CAST);
      expect(back?.sections.map((s) => s.text).join('')).toBe(TEXT);
      expect(back?.sections.map((s) => [s.section, s.chapter, s.title])).toEqual([
        [1, 1, 'CHAPTER I'],
        [2, 2, 'CHAPTER II'],
      ]);
    }
    expect(
      buildChunkMessages({ chunk: CHUNK, text: TEXT, language: 'zh', cast: CAST })[0]?.content,
    ).toMatch(/分镜/);
  });

  it('quotes the validation errors in the re-ask', () => {
    const first = buildChunkMessages({ chunk: CHUNK, text: TEXT, language: 'en', cast: CAST });
    const again = buildRepairMessages(first, 'oops', ['sections: section 2 is missing'], 'en');
    expect(again.slice(0, 2)).toEqual(first);
    expect(again[2]).toEqual({ role: 'assistant', content: 'oops' });
    expect(again[3]?.content).toContain('sections: section 2 is missing');
    expect(again[3]?.content).toContain('JSON');
  });

  it('says a message that is not ours is not a chunk prompt', () => {
    expect(parseChunkPrompt('system', 'hello')).toBeUndefined();
    expect(parseChunkPrompt('system', '@cast [\n@sections []')).toBeUndefined();
  });
});
