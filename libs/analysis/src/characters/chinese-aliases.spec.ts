import { describe, expect, it } from 'vitest';
import { withAddressTerms, withSelfNaming, withTitledSurnames } from './chinese-aliases';
import type { Group } from './groups';

const group = (name: string, score = 10): Group => ({ name, aliases: [], score });

describe('Chinese aliases from the text', () => {
  it('joins surname + 僧 to the one person the text writes behind that surname', () => {
    const text = `${'唐三藏上马。'.repeat(12)}${'唐太宗升殿。'.repeat(3)}`;
    const out = withTitledSurnames([group('三藏'), group('唐僧'), group('太宗')], text);
    expect(out.map((g) => g.name)).toEqual(['三藏', '太宗']);
    expect(out[0]?.aliases).toContain('唐僧');
  });

  it('leaves surname + 僧 alone when two people share the surname about as often', () => {
    const text = `${'唐三藏上马。'.repeat(12)}${'唐太宗升殿。'.repeat(8)}`;
    const out = withTitledSurnames([group('三藏'), group('唐僧'), group('太宗')], text);
    expect(out).toHaveLength(3);
  });

  it('takes a form of address the same person answers again and again as their name', () => {
    const exchange = '行者道：“呆子，你又偷懒！”八戒道：“哥哥，我饿了。”';
    const text = exchange.repeat(9);
    const out = withAddressTerms([group('行者'), group('八戒'), group('呆子')], text);
    expect(out.find((g) => g.name === '八戒')?.aliases).toContain('呆子');
    expect(out.map((g) => g.name)).not.toContain('呆子');
  });

  it('keeps a form of address that different people answer', () => {
    const text = ['行者道：“师父，走罢。”三藏道：“好。”', '八戒道：“师父，歇歇。”祖师道：“也罢。”']
      .join('')
      .repeat(5);
    const out = withAddressTerms(
      [group('行者'), group('八戒'), group('三藏'), group('祖师'), group('师父')],
      text,
    );
    expect(out.map((g) => g.name)).toContain('师父');
  });

  it('takes the name a speaker says they are now called by', () => {
    const text = '猴王笑道：“好！好！好！自今就叫做孙悟空也！”悟空道：“师父！”';
    const out = withSelfNaming([group('悟空'), group('猴王')], text);
    expect(out.map((g) => g.name)).toEqual(['悟空']);
    expect(out[0]?.aliases).toContain('猴王');
  });
});
