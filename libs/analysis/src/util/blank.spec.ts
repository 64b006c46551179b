import { describe, expect, it } from 'vitest';
import { isBlank, isJsSpace } from './blank';

describe('isJsSpace', () => {
  it('agrees with \\s and String.prototype.trim on every UTF-16 unit', () => {
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if (isJsSpace(c) !== /\s/.test(s) || isJsSpace(c) !== (s.trim() === '')) wrong.push(c);
    }
    expect(wrong).toEqual([]);
  });
});

describe('isBlank', () => {
  it('is true for an empty or all-space range only', () => {
    const text = 'ab \u3000\t\ncd';
    expect(isBlank(text, 2, 6)).toBe(true);
    expect(isBlank(text, 3, 3)).toBe(true);
    expect(isBlank(text, 1, 6)).toBe(false);
    expect(isBlank(text, 2, 7)).toBe(false);
  });
});
