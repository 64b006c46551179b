import { describe, expect, it } from 'vitest';
import { speakersOf } from '../test-support/speakers-of';
import { ENGLISH_FIXTURE } from './speaker-fixture';

const cast = ENGLISH_FIXTURE.cast;
const book = (...paragraphs: string[]) => ['CHAPTER I. The Harbour', ...paragraphs].join('\n\n');

describe('English speakers: cues on the paragraph before the quote', () => {
  it('reads a pronoun cue that introduces the next paragraph (`he said, rising:`) as the one named there', async () => {
    const en = await speakersOf(
      book(
        'Captain Holt sat by the lamp a long while. At last he said, rising:',
        '“The wind is rising.”',
      ),
      cast,
    );
    expect(en).toEqual(['holt']);
  });

  it('leaves it null when that paragraph names nobody the pronoun can mean (a stranger)', async () => {
    const en = await speakersOf(
      book(
        'Captain Holt went down to the boat.',
        'A stranger stood in the doorway, a tall man with a red beard. For answer he repeated, slowly:',
        '“Do you know me?”',
      ),
      cast,
    );
    expect(en).toEqual([null]);
  });
});

describe('English speakers: a pronoun never means the one the line calls by name', () => {
  it('does not give `“…, Mr. Pell,” said he` to Mr. Pell', async () => {
    const en = await speakersOf(
      book('Mr. Pell waited on the quay.', '“I have heard of you, Mr. Pell,” said he, tartly.'),
      cast,
    );
    expect(en).toEqual([null]);
  });

  it('still resolves the pronoun when the line calls someone else', async () => {
    const en = await speakersOf(
      book('Mr. Pell waited on the quay.', '“I have heard of you, Mara,” said he, tartly.'),
      cast,
    );
    expect(en).toEqual(['pell']);
  });
});

describe('English speakers: endearments before a name call that person', () => {
  it('answers `“What is it, my Mara?”` with Mara when three people are in the scene', async () => {
    const en = await speakersOf(
      book(
        'Mara, Mr. Pell and Captain Holt sat by the fire.',
        '“What is it, my Mara?” said Holt.',
        '“Nothing, dearest Holt.”',
      ),
      cast,
    );
    expect(en).toEqual(['holt', 'mara']);
  });
});

describe('English speakers: the first-person narrator', () => {
  const narration = Array.from(
    { length: 16 },
    (_, i) =>
      `I walked to the window and I looked at the sea for my ${i + 1} time; my tea went cold.`,
  ).join(' ');

  it("gives `said I` to the narrator, but not inside a story someone retells (`“'“So!” said I.`)", async () => {
    const en = await speakersOf(
      book(
        narration,
        '“You are late, Mara,” said Holt. “Sit down, Mara, sit down.”',
        '“The ferry was slow, Holt,” said I.',
        'Then he sat down, and told what happened to him on the boat.',
        "“'“So!” said I. “You are the thief.”",
      ),
      cast,
    );
    expect(en).toEqual(['holt', 'holt', 'mara', null, null]);
  });

  it('gives a retold paragraph to the one telling the story in the paragraph before', async () => {
    const en = await speakersOf(
      book(
        narration,
        '“You are late, Mara,” said Holt.',
        '“The ferry was slow, Holt,” said I.',
        '“Then sit down, Mara, and hear what happened to me on the boat,” said Holt.',
        "“'“So!” said I. “You are the thief.”",
        "“'He crept away without a word.",
      ),
      cast,
    );
    expect(en).toEqual(['holt', 'mara', 'holt', 'holt', 'holt', 'holt']);
  });

  it('gives the speech after a retold paragraph back to the one telling the story', async () => {
    const en = await speakersOf(
      book(
        narration,
        '“You are late, Mara,” said Holt. “Sit down, Mara, sit down.”',
        '“The ferry was slow, Holt,” said I.',
        '“Then hear what happened to me on the boat,” said Holt.',
        "“'“So!” said I. “You are the thief.”",
        '“I had thought him honest.”',
      ),
      cast,
    );
    expect(en.slice(4)).toEqual(['holt', 'holt', 'holt']);
  });

  it("keeps the cue of a closed quotation (`“'If you remember,'” said Holt, dictating`)", async () => {
    const en = await speakersOf(
      book(
        narration,
        '“You are late, Mara,” said Holt. “Sit down, Mara, sit down.”',
        '“The ferry was slow, Holt,” said I.',
        "“'If you remember,'” said Holt, dictating.",
      ),
      cast,
    );
    expect(en).toEqual(['holt', 'holt', 'mara', 'holt']);
  });
});

describe('English speakers: a speech that names its speaker', () => {
  it('gives `“I, Captain Holt, …` and its continuation to Holt', async () => {
    const en = await speakersOf(
      book(
        'The paper was read aloud.',
        '“I, Captain Holt, master of the Gull, write this in my cabin.',
        '        *****',
        '“The storm came at night.”',
      ),
      cast,
    );
    expect(en).toEqual(['holt', 'holt']);
  });

  it('does not take `“I, too, saw Holt,` for Holt naming himself', async () => {
    const en = await speakersOf(
      book('The paper was read aloud.', '“I, too, saw Holt, and he was afraid.”'),
      cast,
    );
    expect(en).toEqual([null]);
  });
});

describe('English speakers: speeches that run on after turn-taking names their speaker', () => {
  it('gives the paragraphs a speech runs on into to the one turn-taking found for its first', async () => {
    const en = await speakersOf(
      book(
        'Captain Holt and Mara sat by the fire.',
        '“Tell me about the voyage,” said Mara.',
        '“We sailed at dawn.',
        '“The sea was rough all day.”',
      ),
      cast,
    );
    expect(en).toEqual(['mara', 'holt']);
  });

  it('gives a retold paragraph to the one turn-taking found for the speech before it', async () => {
    const en = await speakersOf(
      book(
        'Captain Holt and Mara sat by the fire.',
        '“Tell me about the voyage,” said Mara.',
        '“We sailed at dawn.”',
        "“'“So!” said I. “You are the thief.”",
      ),
      cast,
    );
    expect(en).toEqual(['mara', 'holt', 'holt', 'holt']);
  });
});

describe('English speakers: a letter signed at its end', () => {
  it('gives a letter read out over several paragraphs to the cast member who signs it', async () => {
    const en = await speakersOf(
      book(
        'Mara opened the letter, and read it. These were its contents:',
        '“The Gull, at sea.',
        '“I write to you in haste; the storm has broken the mast.',
        '“Your servant,',
        '“Holt.”',
      ),
      cast,
    );
    expect(en.every((s) => s === 'holt')).toBe(true);
  });

  it('does not take a speech that ends by naming someone for one signed by them', async () => {
    const en = await speakersOf(
      book('The paper was read aloud.', '“The storm has broken the mast.', '“Holt is late.”'),
      cast,
    );
    expect(en.every((s) => s === null)).toBe(true);
  });
});

describe('English speakers: a cue naming someone outside the cast', () => {
  it('leaves `“Magnificent!” croaked the man with the craving` null, not the next turn', async () => {
    const en = await speakersOf(
      book(
        '“To be registered?” said Holt.',
        '“To be registered, as doomed,” returned Mr. Pell.',
        '“Magnificent!” croaked the man with the craving.',
      ),
      cast,
    );
    expect(en).toEqual(['holt', 'pell', null]);
  });
});

describe('English speakers: `said her husband` / `his wife` of a named married pair', () => {
  const pair = [
    { id: 'wife', name: 'Madame Varenne', aliases: [] },
    { id: 'husband', name: 'Varenne', aliases: ['Monsieur Varenne'] },
    { id: 'lorry', name: 'Mr. Lorry', aliases: [] },
  ];

  it('gives `her husband` to the member under her surname, `his wife` to her', async () => {
    const en = await speakersOf(
      book(
        'Varenne stood at his door, and Madame Varenne sat knitting behind the counter. Mr. Lorry came in.',
        '“It is she,” observed her husband.',
        '“Good day,” said Mr. Lorry.',
        '“Is it time?” repeated his wife.',
      ),
      pair,
    );
    expect(en).toEqual(['husband', 'lorry', 'wife']);
  });

  it('leaves `said her husband` null when no such pair is named', async () => {
    const en = await speakersOf(
      book(
        'Mr. Lorry came in.',
        '“Good day,” said Mr. Lorry.',
        '“It is she,” observed her husband.',
      ),
      pair,
    );
    expect(en).toEqual(['lorry', null]);
  });
});
