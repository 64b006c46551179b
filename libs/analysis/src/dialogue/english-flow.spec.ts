import type { CastMember } from '@storyboard/domain';
import { describe, expect, it } from 'vitest';
import { speakersOf } from '../test-support/speakers-of';

const book = (...paragraphs: string[]) => ['CHAPTER I. The Cottage', ...paragraphs].join('\n\n');
const cast: CastMember[] = [
  { id: 'holmes', name: 'Holmes', aliases: ['Sherlock Holmes'] },
  { id: 'watson', name: 'Watson', aliases: [] },
  { id: 'jack', name: 'Jack', aliases: [] },
];
/** First-person narration, long enough for the narrator to be found. */
const NARRATION =
  'I had been out that morning, and I came back late; I remember that I was tired, and that I sat down by the fire while my friend read. I said nothing for a while, for I knew his moods, and I did not wish to break in upon them. I looked at the clock, I looked at the rain, and I thought of my own affairs until I was half asleep. ';

describe('English speakers: the narrator', () => {
  it("is not someone a retold story calls by name (`“'No, Jack,' she cried.`)", async () => {
    const en = await speakersOf(
      book(
        NARRATION.repeat(4),
        '“Come, Watson,” said Holmes. “Listen to this.”',
        "“'Jack,' said she, 'you must trust me.'",
        "“'No, no, Jack, for God's sake!' she gasped.",
        "“'Trust me, Jack!' she cried.",
        '“You see, Watson, how it stands,” said Holmes.',
        '“I see it very well,” said I.',
      ),
      cast,
    );
    expect(en.at(-1)).toBe('watson');
  });
});

describe('English speakers: the narrator’s partner goes on after narration', () => {
  const talk = (between: string) =>
    book(
      NARRATION.repeat(4),
      '“Come, Watson,” said Holmes. “You see, Watson, how it stands.”',
      '“You arouse my curiosity,” said I.',
      '“Because it was the first case I ever had.”',
      between,
      '“You never heard me talk of Victor Trevor?” he asked.',
    );

  it('gives `“…,” he asked` to the one talking with the narrator when the narration names nobody', async () => {
    const en = await speakersOf(talk('Then he lit his pipe and sat for some time smoking.'), cast);

    expect(en.slice(-3)).toEqual(['watson', 'holmes', 'holmes']);
  });

  it('leaves it null when the narration brings someone on', async () => {
    const en = await speakersOf(
      talk('The door opened, and a tall young man entered the room.'),
      cast,
    );
    expect(en.slice(-3)).toEqual(['watson', 'holmes', null]);
  });
});
