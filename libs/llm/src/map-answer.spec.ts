import type { ChunkSpec } from '@storyboard/domain';
import { FragmentSectionSchema } from '@storyboard/domain';
import { describe, expect, it } from 'vitest';
import { AnswerSchema, type Answer } from './answer';
import { mapAnswer } from './map-answer';

// The chunk starts at offset 1000 of the novel; its text holds two sections.
const S1 = 'The wind rose over the town. Nell ran down to the quay.\n\n“Help me!” cried Tom.';
const S2 = 'Tom read the letter twice. “He is coming home,” he said.';
const TEXT = `${S1}\n\n${S2}`;
const OFFSET = 1_000;
const CHUNK: ChunkSpec = {
  index: 4,
  span: { start: OFFSET, end: OFFSET + TEXT.length },
  sections: [
    {
      chapterIndex: 1,
      title: 'Storm',
      part: 2,
      span: { start: OFFSET, end: OFFSET + S1.length + 2 },
    },
    {
      chapterIndex: 2,
      title: 'Letter',
      part: 1,
      span: { start: OFFSET + S1.length + 2, end: OFFSET + TEXT.length },
    },
  ],
};
const CAST = [
  { id: 'nell', name: 'Nell', aliases: [] },
  { id: 'tom', name: 'Tom', aliases: ['Thomas'] },
];

const answer = (raw: unknown): Answer => AnswerSchema.parse(raw);

describe('mapAnswer', () => {
  it('maps anchors to absolute spans: scene to next scene, panel to next panel', () => {
    const { sections, warnings } = mapAnswer(
      answer({
        sections: [
          {
            section: 1,
            scenes: [
              {
                summary: 'Storm',
                anchor: 'The wind rose',
                panels: [
                  { shot: 'establishing', anchor: 'The wind rose over', characters: [] },
                  {
                    shot: 'close-up',
                    anchor: '“Help me!” cried',
                    characters: ['tom'],
                    dialogue: [{ speaker: 'tom', text: 'Help me!' }],
                  },
                ],
              },
            ],
          },
          {
            section: 2,
            scenes: [
              {
                summary: 'Letter',
                anchor: 'Tom read',
                panels: [{ shot: 'medium', anchor: 'Tom read the letter' }],
              },
            ],
          },
        ],
      }),
      { chunk: CHUNK, text: TEXT, cast: CAST },
    );
    const [a, b] = sections;
    expect(a?.chapterIndex).toBe(1);
    expect(a?.part).toBe(2);
    const scene = a?.scenes[0];
    expect(scene?.span).toEqual({ start: OFFSET, end: OFFSET + S1.length + 2 });
    expect(scene?.panels.map((p) => p.span)).toEqual([
      { start: OFFSET, end: OFFSET + S1.indexOf('“Help') },
      { start: OFFSET + S1.indexOf('“Help'), end: OFFSET + S1.length + 2 },
    ]);
    expect(scene?.characters).toEqual(['tom']);
    expect(b?.scenes[0]?.span.start).toBe(OFFSET + TEXT.indexOf('Tom read'));
    for (const s of sections) expect(FragmentSectionSchema.parse(s)).toEqual(s);
    expect(warnings.unresolvedPanelAnchors + warnings.unresolvedSceneAnchors).toBe(0);
  });

  it('maps names to ids, drops unknown ids, nulls unknown speakers and maps or defaults shots, counting each', () => {
    const { sections, warnings } = mapAnswer(
      answer({
        sections: [
          {
            section: 1,
            scenes: [
              {
                summary: 's',
                anchor: 'The wind',
                characters: ['Thomas', 'ghost'],
                panels: [
                  {
                    shot: 'Close up',
                    anchor: 'Nell ran',
                    characters: ['nell', 'ghost'],
                    dialogue: [
                      { speaker: 'ghost', text: 'Boo' },
                      { speaker: 'Nell', text: 'Hi' },
                      { speaker: null, text: '  ' },
                    ],
                  },
                  { shot: 'dutch angle', anchor: 'nowhere in the text', characters: [] },
                ],
              },
            ],
          },
          { section: 2, scenes: [] },
        ],
      }),
      { chunk: CHUNK, text: TEXT, cast: CAST },
    );
    const scene = sections[0]?.scenes[0];
    expect(scene?.characters).toEqual(['tom', 'nell']);
    expect(scene?.panels[0]?.shot).toBe('close-up');
    expect(scene?.panels[0]?.characters).toEqual(['nell']);
    expect(scene?.panels[0]?.dialogue).toEqual([
      { speaker: null, text: 'Boo' },
      { speaker: 'nell', text: 'Hi' },
    ]);
    expect(scene?.panels[1]?.shot).toBe('medium');
    expect(scene?.panels[1]?.span).toEqual(scene?.span);
    expect(warnings).toMatchObject({
      mappedCharacters: 2,
      unknownCharacters: 2,
      unknownSpeakers: 1,
      mappedShots: 1,
      unknownShots: 1,
      unresolvedPanelAnchors: 1,
      emptyDialogueLines: 1,
    });
  });

  it('gives a scene with no anchor found its section span, and never offsets outside the chunk', () => {
    const { sections, warnings } = mapAnswer(
      answer({
        sections: [
          {
            section: 1,
            scenes: [
              {
                summary: 'x',
                anchor: 'invented words',
                panels: [{ shot: 'wide', anchor: 'more invented words' }],
              },
            ],
          },
          { section: 2, scenes: [] },
        ],
      }),
      { chunk: CHUNK, text: TEXT, cast: CAST },
    );
    expect(sections[0]?.scenes[0]?.span).toEqual(CHUNK.sections[0]?.span);
    expect(warnings.unresolvedSceneAnchors).toBe(1);
  });

  it('does not take an anchor from another section', () => {
    const { sections, warnings } = mapAnswer(
      answer({
        sections: [
          { section: 1, scenes: [] },
          {
            section: 2,
            scenes: [
              {
                summary: 'x',
                anchor: 'Nell ran down',
                panels: [{ shot: 'wide', anchor: 'Nell ran down' }],
              },
            ],
          },
        ],
      }),
      { chunk: CHUNK, text: TEXT, cast: CAST },
    );
    expect(sections[1]?.scenes[0]?.span).toEqual(CHUNK.sections[1]?.span);
    expect(warnings.unresolvedPanelAnchors).toBe(1);
  });
});
