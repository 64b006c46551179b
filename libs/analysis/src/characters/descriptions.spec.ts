import { planChunks, type CastMember } from '@storyboard/domain';
import { describe, expect, it } from 'vitest';
import { HeuristicStoryboardGenerator } from '../heuristic-storyboard-generator';
import { outlineChapters } from '../structure/chapters';
import { DescriptionResolver } from './descriptions';
import { MentionMatcher } from './mentions';

const CAST: CastMember[] = [
  { id: 'md', name: 'Madame Defarge', aliases: [] },
  { id: 'd', name: 'Defarge', aliases: ['Monsieur Defarge'] },
  { id: 'g', name: 'Monsieur Gabelle', aliases: ['Gabelle'] },
  { id: 'i', name: 'the Inspector', aliases: [] },
  { id: 's', name: 'Scrooge', aliases: ['Uncle Scrooge'] },
];

function resolved(text: string): string[] {
  const found = new MentionMatcher(CAST, 'en').find(text);
  const all = new DescriptionResolver(CAST).add(text, 0, text.length, found);
  const own = new Set(found.map((m) => m.start));
  return all
    .filter((m) => !own.has(m.start))
    .map((m) => `${text.slice(m.start, m.end)}=${m.castId}`);
}

describe('DescriptionResolver', () => {
  it('reads a title used as a description as the one cast member with that title in the scene', () => {
    expect(resolved('Madame Defarge knitted. “Good,” said madame. “Go home.”')).toEqual([
      'madame=md',
    ]);
    expect(resolved('The Inspector came in. “Well,” remarked the inspector.')).toEqual([
      'inspector=i',
    ]);
    expect(resolved('Uncle Scrooge glared. “Nephew!” returned the uncle sternly.')).toEqual([
      'uncle=s',
    ]);
  });

  it('leaves a description alone when nobody with that title was named, or two were', () => {
    expect(resolved('“Good,” said madame. “Go home.”')).toEqual([]);
    expect(resolved('Defarge and Gabelle talked. “No,” said monsieur.')).toEqual([]);
  });

  it('takes a title only as the subject of a speech cue, never before a name', () => {
    expect(resolved('Madame Defarge knitted. “Yes, madame, I will go.”')).toEqual([]);
    expect(resolved('The Inspector came. “Both the inspector and I will go.”')).toEqual([]);
    expect(resolved('Defarge came in. “Hold!” said Monsieur the Marquis.')).toEqual([]);
  });

  it('lets the generator name the speaker of `said the inspector`', async () => {
    const text = [
      'CHAPTER I. The Stable',
      'The Inspector looked at the horse for a long time.',
      '“It is lame,” said the inspector.',
    ].join('\n\n');
    const [chunk] = planChunks(text, outlineChapters(text), 1_000_000);
    if (!chunk) throw new Error('no chunk');
    const fragment = await new HeuristicStoryboardGenerator().generate({
      chunk,
      text,
      language: 'en',
      cast: CAST,
    });
    const speakers = fragment.sections.flatMap((s) =>
      s.scenes.flatMap((sc) => sc.panels.flatMap((p) => p.dialogue.map((d) => d.speaker))),
    );
    expect(speakers).toEqual(['i']);
    // Mentions stay the names the text writes: the description is not counted.
    expect(fragment.mentions).toEqual({ i: 1 });
  });
});
