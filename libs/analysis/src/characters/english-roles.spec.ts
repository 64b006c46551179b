import type { CastMember } from '@storyboard/domain';
import { describe, expect, it } from 'vitest';
import { speakersOf } from '../test-support/speakers-of';
import { buildCast } from './cast';
import { englishSpeakingRoles, linkRoles } from './english-roles';

const names = (text: string) => englishSpeakingRoles(text).map((r) => r.name);

describe('englishSpeakingRoles: described people who speak', () => {
  it('makes a description the subject of two speech cues a role, before or after the verb', () => {
    const text = [
      '“You know me,” said the spy. Mr. Lorry looked at him.',
      '“I know nothing,” returned the mender of roads.',
      '“Then listen,” the spy replied.',
      '“Never,” answered the mender of roads.',
    ].join('\n\n');
    expect(names(text).sort()).toEqual(['the mender of roads', 'the spy']);
  });

  it('counts `said the Spy` as a cue of `the spy`, the capital form an alias', () => {
    const text = [
      '“You know me,” said the spy.',
      '“Mr. Carton,” the Spy answered.',
      '“The time is short,” said the Spy.',
    ].join('\n\n');
    const roles = englishSpeakingRoles(text);
    expect(roles.map((r) => [r.name, r.aliases])).toEqual([['the spy', ['the Spy']]]);
    expect(roles[0]?.cues).toHaveLength(3);
  });

  it('needs two cues: one is nobody yet', () => {
    expect(names('“You know me,” said the spy.\n\n“No,” said Mara.')).toEqual([]);
  });

  it('keeps `Scrooge’s nephew` whole and joins `the nephew` to it', () => {
    const text = [
      "“A merry Christmas, uncle!” said Scrooge's nephew.",
      '“Bah!” said Scrooge.',
      '“Come, then,” returned the nephew gaily.',
      "“Don’t be cross!” said Scrooge's nephew.",
      '“Nay, uncle,” returned the nephew.',
    ].join('\n\n');
    const roles = englishSpeakingRoles(text);
    expect(roles.map((r) => [r.name, r.aliases])).toEqual([["Scrooge's nephew", ['the nephew']]]);
    expect(roles[0]?.cues).toHaveLength(4);
  });

  it('leaves out `the other man` and a plain noun the book uses for many people', () => {
    const many = Array.from({ length: 12 }, (_, i) => `A man walked by, the ${i}th man today.`);
    const text = [
      ...many,
      '“Yes,” said the man.',
      '“No,” said the man.',
      '“Perhaps,” said the other man.',
      '“Never,” said the other man.',
    ].join('\n\n');
    expect(names(text)).toEqual([]);
  });

  it('leaves out a description that is nobody in particular (`the other passenger`)', () => {
    const text = ['“Yes,” said the other passenger.', '“No,” said the other passenger.'].join(
      '\n\n',
    );
    expect(names(text)).toEqual([]);
  });

  it('keeps a plain noun when most of its uses are that one speaker (`the woman` of one scene)', () => {
    const text = [
      'A woman came in with a bundle.',
      '“What odds?” said the woman.',
      '“Ah!” returned the woman, laughing.',
      '“Don’t you be afraid of that,” returned the woman.',
    ].join('\n\n');
    expect(names(text)).toEqual(['the woman']);
  });
});

const named = (...members: [string, string, string[]][]): CastMember[] =>
  members.map(([id, name, aliases]) => ({ id, name, aliases }));

describe('linkRoles: a role the text ties to a named person', () => {
  const cast = named(['barsad', 'Mr. Barsad', ['Barsad']], ['carton', 'Sydney Carton', ['Carton']]);

  it('links a role to the one name the lines around it call (`“Come, Mr. Barsad!”`)', () => {
    const text = [
      '“Come, come, Mr. Barsad!” exclaimed Carton.',
      '“I do not understand,” said the spy.',
      '“Really, Mr. Barsad, you understand very well.”',
      '“You are mistaken,” returned the spy.',
      '“Think again, Barsad, for your own sake.”',
    ].join('\n\n');
    const links = linkRoles(englishSpeakingRoles(text), cast, text);
    expect(links.get('the spy')).toBe('barsad');
  });

  it('does not link when the role calls that name itself (a form of address among many)', () => {
    const text = [
      '“Go on, Barsad,” said Carton.',
      '“How goes it, Barsad?” said the spy.',
      '“Well, Barsad, well.”',
      '“Tell me, Barsad!” returned the spy.',
      '“Yes, Barsad.”',
      '“Hush, Barsad!”',
    ].join('\n\n');
    expect(linkRoles(englishSpeakingRoles(text), cast, text).size).toBe(0);
  });

  it('does not link on fewer than three calls', () => {
    const text = [
      '“Come, Mr. Barsad!” said Carton.',
      '“No,” said the spy.',
      '“No,” said the spy.',
    ].join('\n\n');
    expect(linkRoles(englishSpeakingRoles(text), cast, text).size).toBe(0);
  });
});

describe('linkRoles: kin roles', () => {
  it('gives `the uncle` to the owner of `Scrooge’s nephew`', () => {
    const text = [
      "“Merry Christmas!” said Scrooge's nephew.",
      '“Bah!” returned the uncle.',
      "“Don’t be cross!” said Scrooge's nephew.",
      '“What else can I be,” returned the uncle.',
    ].join('\n\n');
    const cast = named(['scrooge', 'Scrooge', ['Mr. Scrooge']]);
    expect(linkRoles(englishSpeakingRoles(text), cast, text).get('the uncle')).toBe('scrooge');
  });

  it('gives `the uncle` to the one named speaker who says `my nephew` around its lines', () => {
    const text = [
      '“My nephew,” said the Marquis, “is late.”',
      '“Not to death,” said the uncle.',
      '“I doubt it,” returned the nephew.',
      '“No, no,” said the uncle, pleasantly.',
      '“Seeking them from me, my nephew,” said the Marquis.',
    ].join('\n\n');
    const cast = named(['marquis', 'the Marquis', []]);
    const links = linkRoles(englishSpeakingRoles(text), cast, text);
    expect(links.get('the uncle')).toBe('marquis');
    expect(links.has('the nephew')).toBe(false);
  });
});

describe('linkRoles: a role the narration names', () => {
  const cast = named(
    ['darnay', 'Darnay', ['Charles Darnay', 'Charles']],
    ['lorry', 'Mr. Lorry', []],
  );
  const scene = (statement: string) =>
    [
      'It was the nephew of Monseigneur. He had come on briskly from the coast.',
      statement,
      '“You left Paris yesterday, sir?” he said.',
      '“I doubt it, sir,” returned the nephew.',
      '“No, no,” said the uncle.',
      '“Indeed, sir,” pursued the nephew.',
    ].join('\n\n');

  it('links a role to the one member the narration says it is known as', () => {
    const text = scene('He had been known in England as Charles Darnay.');
    expect(linkRoles(englishSpeakingRoles(text), cast, text).get('the nephew')).toBe('darnay');
  });

  it('does not link on a name merely written near the role', () => {
    const text = scene('He had heard of Charles Darnay in England.');
    expect(linkRoles(englishSpeakingRoles(text), cast, text).has('the nephew')).toBe(false);
  });
});

describe('buildCast: English roles', () => {
  const scene = [
    'CHAPTER I. The Shop',
    'Mara and Mr. Pell kept the shop. Mara swept, Mr. Pell counted. Mara sang. Mr. Pell frowned.',
    'A spy came to the door. “Good day,” said the spy.',
    '“Good day,” said Mara.',
    '“Fine weather,” said the spy.',
    '“Is it?” said Mr. Pell.',
    '“Very fine,” returned the spy.',
  ].join('\n\n');

  it('lists a speaking role after every named member, and its cue lines get it', async () => {
    const cast = buildCast(scene, 'en');
    const order = cast.map((m) => m.name);
    expect(order.indexOf('the spy')).toBeGreaterThan(order.indexOf('Mara'));
    expect(order.indexOf('the spy')).toBeGreaterThan(order.indexOf('Mr. Pell'));
    const spy = cast.find((m) => m.name === 'the spy')?.id;
    const speakers = await speakersOf(scene, cast);
    expect(speakers.filter((s) => s === spy)).toHaveLength(3);
  });

  it('makes a linked role an alias of the named person', () => {
    const text = [
      'CHAPTER I. The Office',
      'Mara and Mr. Pell kept the office. Mara wrote, Mr. Pell counted. Mara sang.',
      '“Come, Mr. Pell!” said Mara.',
      '“I am busy,” said the clerk.',
      '“Now, Mr. Pell, listen.”',
      '“Later,” returned the clerk.',
      '“Mr. Pell, you must.”',
    ].join('\n\n');
    const cast = buildCast(text, 'en');
    const pell = cast.find((m) => m.name === 'Mr. Pell');
    expect(pell?.aliases).toContain('the clerk');
    expect(cast.some((m) => m.name === 'the clerk')).toBe(false);
  });
});
