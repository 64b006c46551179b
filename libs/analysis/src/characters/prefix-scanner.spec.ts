import { describe, expect, it } from 'vitest';
import { PrefixScanner } from './mentions';

function scan(forms: string[], text: string): [string, number][] {
  const out: [string, number][] = [];
  new PrefixScanner(forms).scan(text, 0, text.length, (form, at) => out.push([form, at]));
  return out;
}

describe('PrefixScanner', () => {
  it('finds the longest form at each position and moves past it', () => {
    expect(scan(['行者', '孙行者', '八戒'], '孙行者与八戒道：“行者！”')).toEqual([
      ['孙行者', 0],
      ['八戒', 4],
      ['行者', 9],
    ]);
  });

  it('is not fooled by a frequent first character followed by something else', () => {
    // `道士` shares its first character with every `道：` cue; `老者` with `老孙`.
    expect(scan(['道士', '老者'], '行者道：“老孙来也。”那道士道：“老者请。”')).toEqual([
      ['道士', 12],
      ['老者', 17],
    ]);
  });

  it('finds single-character forms and forms that end the text', () => {
    expect(scan(['猴', '八戒'], '一只猴看八戒')).toEqual([
      ['猴', 2],
      ['八戒', 4],
    ]);
  });

  it('finds every form whatever pair of characters it starts with', () => {
    // Many forms, so some first pairs share a bucket of the pair filter.
    const forms = Array.from({ length: 400 }, (_, i) =>
      String.fromCharCode(0x4e00 + i, 0x4e00 + ((i * 7) % 400)),
    );
    const text = forms.join('，');
    expect(scan(forms, text).map(([f]) => f)).toEqual(forms);
  });

  it('finds the next match from a position and within a range', () => {
    const scanner = new PrefixScanner(['行者', '孙行者', '猴']);
    const text = '那猴道：孙行者来也';
    expect(scanner.next(text, 0, text.length)).toBe(1);
    expect(scanner.found).toBe('猴');
    expect(scanner.next(text, 2, text.length)).toBe(4);
    expect(scanner.found).toBe('孙行者');
    // A form that would run past the range's end is no match; a shorter one inside it is.
    expect(scanner.next(text, 2, 6)).toBe(-1);
    expect(scanner.next(text, 5, 7)).toBe(5);
    expect(scanner.found).toBe('行者');
  });

  it('gives the index of the form found in the forms it was built with', () => {
    const scanner = new PrefixScanner(['猴', '行者', '孙行者', '行者']);
    const text = '那猴道：孙行者来也，行者';
    expect(scanner.next(text, 0, text.length)).toBe(1);
    expect(scanner.foundIndex).toBe(0);
    expect(scanner.next(text, 2, text.length)).toBe(4);
    expect(scanner.foundIndex).toBe(2);
    // A form listed twice: its first index.
    expect(scanner.next(text, 7, text.length)).toBe(10);
    expect(scanner.foundIndex).toBe(1);
  });

  it('tells apart two pairs that share a bucket', () => {
    // Same hash ((a << 5) ^ b) & 0xffff: (0x4e00, 0x4e01) and (0x4e01, 0x4e21).
    const a = String.fromCharCode(0x4e00, 0x4e01);
    const b = String.fromCharCode(0x4e01, 0x4e21);
    expect(scan([a, b], `${b}${a}`)).toEqual([
      [b, 0],
      [a, 2],
    ]);
  });
});
