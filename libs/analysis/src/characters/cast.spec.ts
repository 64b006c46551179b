import { describe, expect, it } from 'vitest';
import { buildCast } from './cast';

describe('buildCast (Chinese given names)', () => {
  it('gives a full name its given name as an alias when the text uses it alone', () => {
    const text = [
      '林小雨道：“奶奶，您在做什么？”',
      '奶奶道：“折纸鹤。”',
      '林小雨道：“我也要折！”',
      '小雨拿起一张红纸。小雨笑了。小雨又问：“难吗？”',
      '奶奶道：“不难。”',
      '林小雨道：“那我试试。”小雨折了一只。',
    ].join('\n\n');
    const xiaoyu = buildCast(text, 'zh').find((c) => c.name === '林小雨');
    expect(xiaoyu?.aliases).toContain('小雨');
    // more than the four uses of the full name: the given name's own uses count too
    expect(xiaoyu?.mentions).toBeGreaterThan(4);
  });

  it('does not turn a common noun behind a surname into an alias', () => {
    const text = [
      '沙和尚道：“师兄，且慢。”',
      '沙和尚道：“前面有座寺。”',
      '沙和尚道：“我去看看。”',
      '那和尚开了门。一个和尚问：“何人？”那和尚又道：“请进。”这和尚笑了。老和尚也来了。',
      '众和尚都出来看。小和尚端茶。',
    ].join('\n\n');
    const sha = buildCast(text, 'zh').find((c) => c.name === '沙和尚');
    expect(sha?.aliases ?? []).not.toContain('和尚');
  });
});
