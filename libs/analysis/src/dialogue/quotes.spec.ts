import { describe, expect, it } from 'vitest';
import { splitParagraphs } from '../structure/paragraphs';
import { findQuotes } from './quotes';

const inner = (text: string) =>
  findQuotes(text, splitParagraphs(text)).map((q) => text.slice(q.inner.start, q.inner.end));

describe('findQuotes', () => {
  it('finds curly, straight and corner-bracket quotes', () => {
    expect(inner('“Hi,” he said. "Bye," she said. 「你好」他说。『再见』')).toEqual([
      'Hi,',
      'Bye,',
      '你好',
      '再见',
    ]);
  });

  it('tells single closing quotes from apostrophes', () => {
    expect(inner('‘Alice’s cat can’t come,’ said Bill. ‘The girls’ hats!’')).toEqual([
      'Alice’s cat can’t come,',
      'The girls’ hats!',
    ]);
  });

  it('keeps nested quotes inside the outer speech', () => {
    expect(inner('“He told me ‘go home’ twice,” she said.')).toEqual([
      'He told me ‘go home’ twice,',
    ]);
    expect(inner('行者道：“师父说‘莫去’，我偏去。”')).toEqual(['师父说‘莫去’，我偏去。']);
  });

  it('carries a speech across paragraphs that reopen the quote', () => {
    const text =
      '“First part of a long story\nstill going.\n\n“Second part ends here.”\n\nNarration.';
    const quotes = findQuotes(text, splitParagraphs(text));
    expect(quotes).toHaveLength(2);
    expect(quotes[1]?.continues).toBe(true);
  });

  it('carries a speech across a section break drawn with stars (a long letter read out)', () => {
    const text =
      '“I write this in my cell.\n\n        *****\n\n“The carriage stopped.”\n\n*****\n\n“New speech.”';
    const quotes = findQuotes(text, splitParagraphs(text));
    expect(quotes.map((q) => q.continues)).toEqual([false, true, false]);
  });

  it('closes an unterminated quote at the paragraph end', () => {
    const text = '“Never closed\n\nPlain narration.';
    expect(inner(text)).toEqual(['Never closed']);
  });
});
