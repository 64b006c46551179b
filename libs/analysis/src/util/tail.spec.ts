import { describe, expect, it } from 'vitest';
import { endsWithMatch, trimmedEnd } from './tail';

describe('trimmedEnd', () => {
  it('is the end of the slice with its trailing white space cut', () => {
    const text = 'ab c \u3000\n x';
    expect(trimmedEnd(text, 0, 7)).toBe(4);
    expect(trimmedEnd(text, 5, 7)).toBe(5);
    expect(trimmedEnd(text, 0, text.length)).toBe(text.length);
  });
});

describe('endsWithMatch', () => {
  // Longest match but for the trailing white space: two characters, two more and a colon.
  const pattern = /(?:(?:道|吩咐)(?:起来|着)?[^，。\u4e00-\u9fff]{0,2}[：:]?|[：:])\s*$/;
  const texts = [
    '三藏道：',
    '行者笑道：  \n',
    '那怪吩咐起来” ：',
    '他叫起来” ： \u3000',
    '道 ：　　　',
    '八戒道：“凭你打了罢。”',
    '说罢，又道',
    '：',
    '',
    '   ',
  ];

  it('agrees with testing the whole slice', () => {
    for (const text of texts)
      for (let from = 0; from <= text.length; from++)
        for (let to = from; to <= text.length; to++)
          expect(endsWithMatch(pattern, text, from, to, 7)).toBe(
            pattern.test(text.slice(from, to)),
          );
  });
});
