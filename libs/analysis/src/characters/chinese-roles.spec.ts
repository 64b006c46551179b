import { describe, expect, it } from 'vitest';
import { buildCast } from './cast';

describe('buildCast (Chinese speaking roles)', () => {
  const text = [
    ...Array.from(
      { length: 6 },
      () =>
        '行者道：“老丈，借宿一宵。”那老者道：“请进。”三藏道：“多谢。”那老者看了三藏，又看那老者的家僮。',
    ),
    ...Array.from(
      { length: 6 },
      () => '门外又走出一个老者来。三藏看了，心惊道：“怎么好？”唬得个心惊胆战。',
    ),
    ...Array.from({ length: 6 }, () => '群猴道：“来了！”又来了一群猴，那群猴跑了。'),
  ].join('\n\n');

  it('lists an unnamed person the text keeps calling by a role (`那老者道：`) after every name', () => {
    const cast = buildCast(text, 'zh');
    const names = cast.map((c) => c.name);
    const elder = cast.find((c) => c.name === '老者');
    expect(elder).toBeDefined();
    // mentioned more than 三藏, still listed after him: a role never crowds out a named person
    expect(elder?.mentions).toBeGreaterThan(cast.find((c) => c.name === '三藏')?.mentions ?? 0);
    expect(names.indexOf('老者')).toBeGreaterThan(names.indexOf('三藏'));
    expect(names.indexOf('老者')).toBeGreaterThan(names.indexOf('行者'));
  });

  it('takes neither a group nor a reaction behind a classifier for a role', () => {
    const names = buildCast(text, 'zh').flatMap((c) => [c.name, ...c.aliases]);
    expect(names).not.toContain('群猴');
    expect(names).not.toContain('心惊');
  });
});
