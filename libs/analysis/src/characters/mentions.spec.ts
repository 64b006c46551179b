import { describe, expect, it } from 'vitest';
import { MentionMatcher } from './mentions';

const CAST = [
  { id: 'md', name: 'Madame Defarge', aliases: [] },
  { id: 'd', name: 'Defarge', aliases: [] },
];

describe('MentionMatcher', () => {
  it('finds an English name broken over a line end when asked to', () => {
    const text = 'It threw a shadow on Madame\nDefarge, and Defarge looked up.';
    const ids = (m: MentionMatcher) => m.find(text).map((x) => x.castId);
    expect(ids(new MentionMatcher(CAST, 'en', true))).toEqual(['md', 'd']);
    // The cast's own counts keep the written form on one line.
    expect(ids(new MentionMatcher(CAST, 'en'))).toEqual(['d', 'd']);
  });
});
