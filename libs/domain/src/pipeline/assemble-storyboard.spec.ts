import { describe, expect, it } from 'vitest';
import { assembleStoryboard } from './assemble-storyboard';
import { StoryboardSchema } from '../storyboard/storyboard.schema';
import type { ChunkPlan, Fragment } from '../storyboard/chunk-plan.schema';
import { aFragment } from '../testing/builders';
import { ArtifactMissingError } from '../errors';

const plan: ChunkPlan = {
  jobId: 'j',
  language: 'en',
  encoding: 'utf-8',
  length: 300,
  chapters: [
    { index: 1, title: 'One', span: { start: 0, end: 100 } },
    { index: 2, title: 'Two', span: { start: 100, end: 300 } },
  ],
  cast: [
    { id: 'c1', name: 'Alice', aliases: [] },
    { id: 'c2', name: 'Bob', aliases: [] },
    { id: 'c3', name: 'Nobody', aliases: [] },
  ],
  chunks: [
    {
      index: 0,
      span: { start: 0, end: 200 },
      sections: [
        { chapterIndex: 1, title: 'One', part: 1, span: { start: 0, end: 100 } },
        { chapterIndex: 2, title: 'Two', part: 1, span: { start: 100, end: 200 } },
      ],
    },
    {
      index: 1,
      span: { start: 200, end: 300 },
      sections: [{ chapterIndex: 2, title: 'Two', part: 2, span: { start: 200, end: 300 } }],
    },
  ],
};

function fragment(
  chunkIndex: number,
  sections: [number, number][],
  mentions: Record<string, number>,
  speaker = 'c1',
): Fragment {
  const scene = aFragment(0).sections[0]?.scenes[0];
  if (!scene) throw new Error('builder changed');
  return {
    chunkIndex,
    generator: 'g',
    mentions,
    sections: sections.map(([chapterIndex, part]) => ({
      chapterIndex,
      part,
      scenes: [
        {
          ...scene,
          index: 7,
          characters: [speaker],
          panels: [{ ...scene.panels[0]!, index: 9, characters: [speaker] }],
        },
      ],
    })),
  };
}

describe('assembleStoryboard', () => {
  const fragments = [
    fragment(1, [[2, 2]], { c2: 5, c1: 1 }, 'c2'),
    fragment(
      0,
      [
        [2, 1],
        [1, 1],
      ],
      { c1: 3 },
    ),
  ];
  const storyboard = assembleStoryboard({
    plan,
    fragments,
    novel: { id: 'n', title: 'T' },
    generator: 'g',
    durationMs: 12,
  });

  it('produces a valid schema v1 storyboard', () => {
    expect(StoryboardSchema.parse(storyboard)).toEqual(storyboard);
  });

  it('joins a chapter’s parts in order and renumbers scenes and panels from 1', () => {
    expect(storyboard.chapters.map((c) => c.scenes.length)).toEqual([1, 2]);
    expect(storyboard.chapters[1]?.scenes.map((s) => s.index)).toEqual([1, 2]);
    expect(storyboard.chapters[1]?.scenes[1]?.characters).toEqual(['c2']);
    expect(
      storyboard.chapters.flatMap((c) => c.scenes.flatMap((s) => s.panels.map((p) => p.index))),
    ).toEqual([1, 1, 1]);
  });

  it('sums mentions, orders characters by them and drops the unmentioned', () => {
    expect(storyboard.characters.map((c) => [c.name, c.mentions, c.firstChapter])).toEqual([
      ['Bob', 5, 2],
      ['Alice', 4, 1],
    ]);
  });

  it('counts stats', () => {
    expect(storyboard.stats).toEqual({
      chapters: 2,
      scenes: 3,
      panels: 3,
      dialogueLines: 6,
      generator: 'g',
      durationMs: 12,
    });
  });

  it('refuses to assemble with a chunk missing', () => {
    expect(() =>
      assembleStoryboard({
        plan,
        fragments: fragments.slice(0, 1),
        novel: { id: 'n', title: 'T' },
        generator: 'g',
        durationMs: 0,
      }),
    ).toThrow(ArtifactMissingError);
  });
});
