import { describe, expect, it } from 'vitest';
import { charTest } from './char-test';

describe('charTest', () => {
  it('answers as the regular expression does on the character at an offset', () => {
    const re = /[，。\s]/;
    const test = charTest(re);
    const text = '行者，道 \n。';
    for (let at = -2; at <= text.length + 1; at++)
      expect(test(text, at)).toBe(re.test(text.charAt(at)));
  });

  it('answers as the regular expression does outside the text', () => {
    expect(charTest(/^$/)('a', 5)).toBe(true);
    expect(charTest(/a/)('a', -1)).toBe(false);
  });
});
