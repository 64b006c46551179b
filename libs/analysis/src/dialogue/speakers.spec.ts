import type { CastMember } from '@storyboard/domain';
import { describe, expect, it } from 'vitest';
import { speakersOf } from '../test-support/speakers-of';
import { CHINESE_FIXTURE, ENGLISH_FIXTURE } from './speaker-fixture';

function accuracy(
  actual: readonly (string | null)[],
  expected: readonly (string | null)[],
): number {
  const right = expected.filter((s, i) => actual[i] === s).length;
  return right / expected.length;
}

describe('speaker attribution on a hand-checked fixture', () => {
  it('has at least 40 lines of English and Chinese dialogue', () => {
    expect(
      ENGLISH_FIXTURE.speakers.length + CHINESE_FIXTURE.speakers.length,
    ).toBeGreaterThanOrEqual(40);
  });

  it('finds every quoted line and names the right speaker for at least 80% of them', async () => {
    const en = await speakersOf(ENGLISH_FIXTURE.text, ENGLISH_FIXTURE.cast);
    const zh = await speakersOf(CHINESE_FIXTURE.text, CHINESE_FIXTURE.cast);
    expect(en).toHaveLength(ENGLISH_FIXTURE.speakers.length);
    expect(zh).toHaveLength(CHINESE_FIXTURE.speakers.length);
    const all = accuracy(
      [...en, ...zh],
      [...ENGLISH_FIXTURE.speakers, ...CHINESE_FIXTURE.speakers],
    );
    console.info(
      `speaker accuracy: en ${accuracy(en, ENGLISH_FIXTURE.speakers).toFixed(2)}, zh ${accuracy(zh, CHINESE_FIXTURE.speakers).toFixed(2)}, all ${all.toFixed(2)}`,
    );
    expect(all).toBeGreaterThanOrEqual(0.8);
  });

  it('says null rather than guessing when the cue names nobody in the cast', async () => {
    const en = await speakersOf(
      '“Who goes there?” said a voice.\n\n“Only me,” he said.',
      ENGLISH_FIXTURE.cast,
    );
    expect(en).toEqual([null, null]);
  });

  it('follows a two-person exchange backwards and forwards from the lines that carry a cue', async () => {
    const en = await speakersOf(
      [
        'CHAPTER I. The Lamp',
        'Mara and the Keeper sat by the lamp until the wind dropped.',
        '“Is the ferry running?”',
        '“Not tonight,” said Mara.',
        '“Then you will stay.”',
        '“I suppose I must.”',
        '“There is soup,” said the Keeper.',
        '“Thank you.”',
      ].join('\n\n'),
      ENGLISH_FIXTURE.cast,
    );
    expect(en).toEqual(['keeper', 'mara', 'keeper', 'mara', 'keeper', 'mara']);
  });

  it('resolves a pronoun cue by the exchange when two men are in view', async () => {
    const en = await speakersOf(
      [
        'CHAPTER I. The Harbour',
        'Captain Holt and Mr. Pell walked along the quay. He was tired.',
        '“Where is the boat?” said Holt.',
        '“Gone,” said he.',
        '“Gone where?”',
        '“Who knows,” said Mara, coming up behind them.',
        '“We do not.”',
      ].join('\n\n'),
      ENGLISH_FIXTURE.cast,
    );
    expect(en.slice(0, 4)).toEqual(['holt', 'pell', 'holt', 'mara']);
  });

  it('gives a story told over a chapter break to its teller, paragraph after paragraph', async () => {
    const long = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `The sea was grey and the wind was cold on day ${i}.`,
      ).join(' ');
    const en = await speakersOf(
      [
        'CHAPTER I. The Evening',
        '“Tell us what happened,” said Mara.',
        'Captain Holt lit his pipe. And with that Captain Holt began his story.',
        'CHAPTER II. The Voyage',
        `“${long(12)}`,
        `“${long(12)}`,
        `“${long(3)}”`,
      ].join('\n\n'),
      ENGLISH_FIXTURE.cast,
    );
    expect(en[0]).toBe('mara');
    expect(en.length).toBeGreaterThanOrEqual(3);
    expect(en.slice(1).every((s) => s === 'holt')).toBe(true);
  });

  it('gives the story back to its teller after a narration pause (`Then he resumed his narrative.`)', async () => {
    const en = await speakersOf(
      [
        'CHAPTER I. The Evening',
        '“Tell us what happened,” said Mara.',
        '“The sea was grey. We rowed all night. And that reminds me…”',
        'Captain Holt paused, and put his hand into his pocket. Then he resumed his narrative.',
        '“As the sun came up we saw the harbour.',
        '“And the lamp was lit.”',
      ].join('\n\n'),
      ENGLISH_FIXTURE.cast,
    );
    expect(en).toEqual(['mara', null, 'holt']);
  });
  it('never gives a `she` cue to someone the text does not show to be a woman (`the Ghost` is `it`)', async () => {
    const cast: CastMember[] = [
      { id: 'scrooge', name: 'Mr. Scrooge', aliases: ['Scrooge'] },
      { id: 'ghost', name: 'the Ghost', aliases: [] },
    ];
    const en = await speakersOf(
      [
        'CHAPTER I. The Vision',
        'Mr. Scrooge walked on, and he was tired. Scrooge saw himself, older now.',
        'He sat by a fair young girl, in whose eyes there were tears, which sparkled in the light that shone out of the Ghost.',
        '“It matters little,” she said, softly.',
      ].join('\n\n'),
      cast,
    );
    expect(en).toEqual([null]);
  });

  it('does not take the one named in a cue for someone else as the speaker (`said the spy, … turned to Mr. Lorry`)', async () => {
    const cast: CastMember[] = [
      { id: 'lorry', name: 'Mr. Lorry', aliases: ['Lorry'] },
      { id: 'carton', name: 'Sydney Carton', aliases: ['Carton'] },
    ];
    const en = await speakersOf(
      [
        'CHAPTER I. The Spy',
        '“I think, sir,” said the spy, in the meanest manner, as he turned to Mr.\nLorry, “I may appeal to a gentleman of your years.”',
      ].join('\n\n'),
      cast,
    );
    expect(en).toEqual([null, null]);
  });

  it('reads a cue between a closed sentence and the next quote as that next quote’s', async () => {
    const cast: CastMember[] = [
      { id: 'defarge', name: 'Defarge', aliases: [] },
      { id: 'madame', name: 'Madame Defarge', aliases: ['Madame'] },
    ];
    const en = await speakersOf(
      [
        'CHAPTER I. The Wine-shop',
        'Madame Defarge knitted. Defarge brought him the wine.',
        'Defarge went back to the counter, and said, “Certainly, a little like.” Madame sternly retorted, “I tell you a good deal like.”',
      ].join('\n\n'),
      cast,
    );
    expect(en).toEqual(['defarge', 'madame']);
  });
  it('fills no line of an exchange side a `she` cue rules its cast member out of', async () => {
    const cast: CastMember[] = [
      { id: 'scrooge', name: 'Mr. Scrooge', aliases: ['Scrooge'] },
      { id: 'ghost', name: 'the Ghost', aliases: [] },
    ];
    const en = await speakersOf(
      [
        'CHAPTER I. The Vision',
        'Mr. Scrooge and the Ghost stood side by side. Scrooge saw himself, older now; he sat by a fair young girl.',
        '“It matters little,” she said.',
        '“What idol has displaced you?” said Scrooge.',
        '“A golden one.”',
      ].join('\n\n'),
      cast,
    );
    expect(en).toEqual([null, 'scrooge', null]);
  });
});
