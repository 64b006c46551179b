import { describe, expect, it } from 'vitest';
import { MentionMatcher } from '../characters/mentions';
import type { Quote } from './quotes';
import { vocatives } from './reference';

/** The calls in the one quote of `text` (curly marks), Charles Darnay being known as `Charles`. */
function called(text: string): string[] {
  const start = text.indexOf('“');
  const end = text.indexOf('”') + 1;
  const quote: Quote = {
    span: { start, end },
    inner: { start: start + 1, end: end - 1 },
    paragraph: 0,
    continues: false,
  };
  const matcher = new MentionMatcher(
    [{ id: 'darnay', name: 'Darnay', aliases: ['Charles Darnay', 'Charles'] }],
    'en',
    true,
  );
  return vocatives(text, quote, matcher.find(text, start + 1, end - 1));
}

describe('vocatives', () => {
  it('reads a title before a name the cast knows without it as a call (`Monsieur Charles`)', () => {
    expect(called('“But you are lost, Monsieur Charles, I see.”')).toEqual(['darnay']);
    expect(called('“Come, Mr. Charles!”')).toEqual(['darnay']);
  });

  it('still reads a bare name after a break as a call', () => {
    expect(called('“But you are lost, Charles, I see.”')).toEqual(['darnay']);
  });

  it('does not read a titled name at the head of a quote as a call (it is as often the subject)', () => {
    expect(called('“Monsieur Charles, whom I expect; is he arrived from England?”')).toEqual([]);
  });
});
