import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './utf8';

const CASES: readonly (readonly number[])[] = [
  [],
  [0x61, 0x62],
  [0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x87],
  [0xf0, 0x9f, 0x98, 0x80],
  [0xef, 0xbb, 0xbf, 0x61],
  [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61],
  [0xef, 0xbb, 0xbf],
  [0x61, 0xef, 0xbb, 0xbf],
  [0x00, 0x61],
  [0x61, 0xff, 0x62],
  [0xc0, 0x80],
  [0xed, 0xa0, 0x80],
  [0x61, 0xe4, 0xb8],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xef, 0xbf, 0xbf],
];

const byDecoder = (bytes: Uint8Array, fatal: boolean): string | Error => {
  try {
    return new TextDecoder('utf-8', { fatal }).decode(bytes);
  } catch (err) {
    return err as Error;
  }
};
const byHelper = (bytes: Uint8Array, fatal: boolean): string | Error => {
  try {
    return decodeUtf8(bytes, fatal);
  } catch (err) {
    return err as Error;
  }
};

describe('decodeUtf8', () => {
  it.each(CASES.map((c) => [c.map((b) => b.toString(16)).join(' '), c] as const))(
    'reads %s as TextDecoder does',
    (_, bytes) => {
      for (const fatal of [true, false]) {
        const expected = byDecoder(new Uint8Array(bytes), fatal);
        const actual = byHelper(new Uint8Array(bytes), fatal);
        if (expected instanceof Error) expect(actual).toBeInstanceOf(TypeError);
        else expect(actual).toBe(expected);
      }
    },
  );

  it('keeps ASCII text a string of one-byte characters', () => {
    expect(decodeUtf8(new TextEncoder().encode('It was the best of times'), true)).toBe(
      'It was the best of times',
    );
  });

  it('reads a view into a larger buffer from its own offset', () => {
    const all = new TextEncoder().encode('xx第一回 话说天下yy');
    const view = all.subarray(2, all.length - 2);
    expect(decodeUtf8(view, true)).toBe('第一回 话说天下');
  });

  it('reads every code point as TextDecoder does', () => {
    const points: number[] = [];
    for (let c = 0; c <= 0x10ffff; c += c < 0x10000 ? 1 : 17)
      if (c < 0xd800 || c > 0xdfff) points.push(c);
    const bytes = new TextEncoder().encode(String.fromCodePoint(...points.slice(0, 60000)));
    expect(decodeUtf8(bytes, true)).toBe(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    const rest = new TextEncoder().encode(String.fromCodePoint(...points.slice(60000)));
    expect(decodeUtf8(rest, true)).toBe(new TextDecoder('utf-8', { fatal: true }).decode(rest));
  });
});
