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

  it('takes a saying, a classic or a document the narration cites for no speech', () => {
    expect(termsOf('真个似滚瓜涌溅。古云：“禽有禽言，兽有兽语。”')).toEqual([true]);
    expect(termsOf('而逐渐坚实。易曰：“大哉乾元！至哉坤元！”')).toEqual([true]);
    expect(termsOf('玉皇从头看过。表曰：\n\n    “水元下界东胜神洲东海小龙臣敖广启奏。”')).toEqual([
      true,
    ]);
    expect(termsOf('朝游峰洞之中。真是“山中无甲子，寒尽不知年。”')).toEqual([true]);
    expect(termsOf('朝上礼拜，都称“千岁大王”。')).toEqual([true]);
  });

  it('takes a character described by its parts for no speech', () => {
    expect(termsOf('走吅、中“秃宝盖”（“冠”头、下“斗”，古时酒器）传觞')).toEqual([true, true, true]);
  });

  it('keeps speech, even a short call without punctuation', () => {
    expect(termsOf('行者道：“乃是妖怪。”')).toEqual([false]);
    expect(termsOf('走上前，叫声“开门”，里面无人答应。')).toEqual([false]);
    expect(termsOf('那老者道：“他乃是我的孙儿。”')).toEqual([false]);
    // A person citing with 曰, a poem recited, a one-word call: speech still.
    expect(termsOf('邵康节曰：“冬至子之半，天心无改移。”')).toEqual([false]);
    expect(termsOf('口占一首古风长篇。诗云：“皓魄当空宝镜悬。”')).toEqual([false]);
    expect(termsOf('将宝贝颠在手中，叫声“长！”他就长了。')).toEqual([false]);
  });
});
