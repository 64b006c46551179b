import type { CastMember } from '@storyboard/domain';
import { describe, expect, it } from 'vitest';
import { speakersOf } from '../test-support/speakers-of';

const book = (...paragraphs: string[]) => ['CHAPTER I. The Cottage', ...paragraphs].join('\n\n');
const cast: CastMember[] = [
  { id: 'holmes', name: 'Holmes', aliases: ['Sherlock Holmes', 'Sherlock'] },
  { id: 'watson', name: 'Watson', aliases: [] },
  { id: 'jack', name: 'Jack', aliases: [] },
  { id: 'mycroft', name: 'Mycroft', aliases: ['Mycroft Holmes'] },
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

describe('English speakers: a pronoun cue among two people', () => {
  it('means the one the line does not call by name (`“Come in, Sherlock!” said he`)', async () => {
    const en = await speakersOf(
      book(
        'We reached Baker Street. Sherlock Holmes went up first and opened the door. Mycroft was sitting there, smoking.',
        '“Come in, Sherlock! Come in, sir,” said he blandly.',
      ),
      cast,
    );
    expect(en).toEqual(['mycroft']);
  });
});

describe('English speakers: a narration that introduces the next speech', () => {
  it('takes the name a speech verb follows, not the first one of the clause', async () => {
    const en = await speakersOf(
      book(
        'When breakfast was done and the others had left Holmes with his brother, Mycroft said, gravely:',
        '“It is a grave business.”',
      ),
      cast,
    );
    expect(en).toEqual(['mycroft']);
  });

  it('takes the subject that opens its last sentence (`Mycroft … spoke in a low voice:`)', async () => {
    const en = await speakersOf(
      book('Mycroft closed the door carefully, and spoke in a low voice:', '“We are alone now.”'),
      cast,
    );
    expect(en).toEqual(['mycroft']);
  });

  it('leaves it null when the name is not that subject (`at last it got to Mycroft:`)', async () => {
    const en = await speakersOf(
      book(
        'The question went round the room. The crowd pressed about him, and at last it got to Mycroft:',
        '“Witnesses.”',
      ),
      cast,
    );
    expect(en).toEqual([null]);
  });
});

describe('English speakers: a pronoun cue closing the narration before', () => {
  it('means the other one of the talk when that narration names nobody (`he answered:`)', async () => {
    const en = await speakersOf(
      book(
        'Holmes and Mycroft sat by the fire.',
        '“What was it you said to me?” said Mycroft.',
        'He was at a loss how to answer, until he remembered. Then he answered:',
        '“My name is not my own.”',
      ),
      cast,
    );
    expect(en).toEqual(['mycroft', 'holmes']);
  });
});

describe('English speakers: questions after a told account', () => {
  const account = (narration: string) =>
    book(
      '“I will tell you how it was,” said Mycroft. “It began in May, when the lodger came.',
      '“Then the lodger went away again, and nobody saw him go.',
      '“And so it ended, and I came here to you.”',
      narration,
      '“Tell me,” said Holmes at last, “did you see his face?”',
      '“Never.”',
      '“Thank you. That is all.”',
    );

  it('gives the answers to the teller and the questions back to the one asking', async () => {
    const en = await speakersOf(
      account('Holmes sat silent for some time, with his chin upon his hand.'),
      cast,
    );
    expect(en.slice(-3)).toEqual(['holmes', 'mycroft', 'holmes']);
  });
});

describe('English speakers: `said young` before a name', () => {
  it('takes a full name (`said young Mycroft Holmes`), not a bare one (`young Jerry` is the son)', async () => {
    const full = await speakersOf(book('“You will want it,” said young Mycroft Holmes.'), cast);
    expect(full).toEqual(['mycroft']);
    const bare = await speakersOf(book('“You will want it,” said young Mycroft.'), cast);
    expect(bare).toEqual([null]);
  });
});
