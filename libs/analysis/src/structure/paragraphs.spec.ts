import { describe, expect, it } from 'vitest';
import { splitLongParagraphs } from './paragraphs';

describe('splitLongParagraphs', () => {
  it('does not cut a long quoted speech after a plural possessive `s’`', () => {
    const sentence = 'The wind was cold and the sea was grey all that long day. ';
    const text = `“${sentence.repeat(6)}The Morlocks’ food had run short. ${sentence.repeat(6)}`;
    const parts = splitLongParagraphs(text, [{ start: 0, end: text.length }], 100);
    expect(parts).toEqual([{ start: 0, end: text.length }]);
  });

  it('still cuts after a single quote closed by `’`', () => {
    const sentence = 'The wind was cold and the sea was grey all that long day. ';
    const text = `‘Stop.’ ${sentence.repeat(12)}`;
    const parts = splitLongParagraphs(text, [{ start: 0, end: text.length }], 100);
    expect(parts.length).toBeGreaterThan(1);
  });
});
