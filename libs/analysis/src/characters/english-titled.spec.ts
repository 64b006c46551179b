import { describe, expect, it } from 'vitest';
import { mergeEnglish } from './english-merge';

const cand = (name: string, score = 5) => ({ name, aliases: [], score });
const aliasesOf = (groups: ReturnType<typeof mergeEnglish>, name: string) =>
  groups.find((g) => g.name === name)?.aliases ?? [];

describe('mergeEnglish: `Mr. Surname` of a listed full name', () => {
  it('joins `Mr. Munro` to `Grant Munro` when nobody else bears the surname', () => {
    const text = 'Grant Munro came in. “Go on, Mr. Munro,” said Holmes. Grant Munro sat down.';
    const groups = mergeEnglish([cand('Grant Munro'), cand('Holmes')], text);
    expect(aliasesOf(groups, 'Grant Munro')).toEqual(['Mr. Munro']);
  });

  it('leaves it apart when two full names share the surname, or the given name is a woman’s', () => {
    const two = 'Grant Munro and Effie Munro. “Well, Mr. Munro,” said Holmes.';
    expect(
      aliasesOf(mergeEnglish([cand('Grant Munro'), cand('Effie Munro')], two), 'Grant Munro'),
    ).toEqual([]);
    const her = 'Rachel Howells came; she wept, and her master, Mr. Howells, frowned.';
    expect(aliasesOf(mergeEnglish([cand('Rachel Howells')], her), 'Rachel Howells')).toEqual([]);
  });

  it('adds nothing the text does not write', () => {
    const text = 'Grant Munro came in and sat down. “Go on,” said Holmes.';
    expect(
      aliasesOf(mergeEnglish([cand('Grant Munro'), cand('Holmes')], text), 'Grant Munro'),
    ).toEqual([]);
  });
});
