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

describe('buildCast (Chinese courtesy names and junk)', () => {
  it('takes a courtesy name the text states as an alias of that person', () => {
    const text = [
      '那人姓刘，名备，字玄德。',
      '刘备道：“二位请了。”',
      '刘备道：“天色已晚。”',
      '刘备道：“我等且行。”',
      '玄德道：“且去歇息。”',
      '玄德道：“明日再议。”',
      '玄德笑道：“甚好。”',
      '张飞道：“哥哥说得是。”',
      '张飞道：“俺也去。”',
      '张飞道：“走罢。”',
    ].join('\n\n');
    const cast = buildCast(text, 'zh');
    const liu = cast.find((c) => c.name === '刘备' || c.aliases.includes('刘备'));
    expect([liu?.name, ...(liu?.aliases ?? [])]).toContain('玄德');
    expect(cast.filter((c) => c.name === '玄德')).toHaveLength(0);
  });

  it('never takes a reaction word, a group or a cue phrase for a character', () => {
    const text = Array.from(
      { length: 6 },
      () => '大怒道：“反了！”二人道：“休走！”左右道：“得令！”军士道：“遵命！”行者道：“好。”',
    ).join('\n\n');
    const names = buildCast(text, 'zh').flatMap((c) => [c.name, ...c.aliases]);
    for (const junk of ['大怒', '二人', '左右', '军士']) expect(names).not.toContain(junk);
    expect(names).toContain('行者');
  });

  it('does not merge the listener of `谓X曰` into the speaker', () => {
    const text = Array.from(
      { length: 5 },
      () => '曹操谓许褚曰：“此人可用。”许褚曰：“诺。”曹操曰：“去罢。”',
    ).join('\n\n');
    const cast = buildCast(text, 'zh');
    const cao = cast.find((c) => c.name === '曹操');
    expect(cao?.aliases ?? []).not.toContain('许褚');
    expect(cast.some((c) => c.name === '许褚')).toBe(true);
  });
});
