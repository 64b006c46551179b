import type { CastMember } from '@storyboard/domain';
import { describe, expect, it } from 'vitest';
import { speakersOf } from '../test-support/speakers-of';

const CAST: CastMember[] = [
  { id: 'wukong', name: '悟空', aliases: ['行者'] },
  { id: 'elder', name: '老者', aliases: [] },
  { id: 'xiaoyu', name: '林小雨', aliases: ['小雨'] },
];

describe('Chinese speech cues', () => {
  it('reads `X道：` between two quotes as the cue of the next quote, not the one before', async () => {
    const zh = await speakersOf(
      [
        '第一回 借宿',
        '那老者道：“你在那里见我？”悟空道：',
        '“你小时不曾在我面前扒柴？”老者道：“这厮胡说！”',
      ].join('\n\n'),
      CAST,
    );
    expect(zh).toEqual(['elder', 'wukong', 'elder']);
  });

  it('still reads a cue after the quote that ends with a comma or a full stop', async () => {
    const zh = await speakersOf(
      ['第一回 纸鹤', '“哇！”小雨拍着手叫起来，“好漂亮！”', '“天黑了。”老者说。'].join('\n\n'),
      CAST,
    );
    expect(zh).toEqual(['xiaoyu', 'xiaoyu', 'elder']);
  });

  it('makes no dialogue line of a quoted sign or name', async () => {
    const zh = await speakersOf(
      ['第一回 幽冥', '那城上有一铁牌，牌上有三个大字，乃“幽冥界”。悟空道：“这是何处？”'].join(
        '\n\n',
      ),
      CAST,
    );
    expect(zh).toEqual(['wukong']);
  });

  it('gives a bare cue sentence the subject of the sentence before it', async () => {
    const zh = await speakersOf(
      [
        '第一回 龙宫',
        '悟空将宝贝执在手中，坐在水晶宫殿上。对龙王笑道：“多谢贤邻厚意。”',
        // A sentence with a subject of its own (`妖精`), or someone seen coming: no guess.
        '悟空收了棍子。妖精赶到外边，骂道：“贼猴！”',
        '悟空念声咒语，早见那正东上，一朵乌云，渐近于头顶上。叫道：“大圣！”',
      ].join('\n\n'),
      CAST,
    );
    expect(zh).toEqual(['wukong', null, null]);
  });
});
