import { describe, expect, it } from 'vitest';
import { isQuotedTerm } from './chinese-terms';
import { findQuotes } from './quotes';

function termsOf(text: string): boolean[] {
  return findQuotes(text, [{ start: 0, end: text.length }]).map((q) => isQuotedTerm(text, q));
}

describe('isQuotedTerm (Chinese quotes that are no speech)', () => {
  it('takes a sign, a name given, a written word and a spelled-out character for no speech', () => {
    expect(termsOf('牌上有三个大字，乃“幽冥界”。')).toEqual([true]);
    expect(termsOf('上有一行十个大字，乃是“灵台方寸山，斜月三星洞”。')).toEqual([true]);
    expect(termsOf('镌成的一行字，唤做“如意金箍棒”，重一万三千五百斤。')).toEqual([true]);
    expect(termsOf('掮着一杆“令”字旗。')).toEqual([true]);
    expect(termsOf('跌了个□【左“足”右“龙”】踵。')).toEqual([true, true]);
  });

  it('keeps speech, even a short call without punctuation', () => {
    expect(termsOf('行者道：“乃是妖怪。”')).toEqual([false]);
    expect(termsOf('走上前，叫声“开门”，里面无人答应。')).toEqual([false]);
    expect(termsOf('那老者道：“他乃是我的孙儿。”')).toEqual([false]);
  });
});
