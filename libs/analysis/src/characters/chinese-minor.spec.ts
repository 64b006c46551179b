import { describe, expect, it } from 'vitest';
import { buildCast } from './cast';
import { isNameLike } from './chinese-minor';

/** 60 named speakers, the first speaking most: a full main roster. */
function mainRoster(): string[] {
  const paragraphs: string[] = [];
  for (let i = 0; i < 60; i++) {
    const name = `${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${'子丑寅卯辰巳'[Math.floor(i / 10)]}`;
    for (let k = 0; k < 80 - i; k++) paragraphs.push(`${name}道：“第${k}句。”`);
  }
  return paragraphs;
}

describe('buildCast (Chinese minor speakers below the main roster)', () => {
  const text = [
    ...mainRoster(),
    ...Array.from({ length: 8 }, () => '清风道：“师兄来了。”那清风开了门。'),
    ...Array.from({ length: 5 }, () => '甲子上前，施礼道：“请。”甲子施礼，乙子施礼。'),
  ].join('\n\n');

  it('lists a minor speaker that behaves like a name after the main roster', () => {
    const cast = buildCast(text, 'zh');
    const names = cast.map((c) => c.name);
    expect(names.slice(0, 60)).not.toContain('清风');
    expect(names).toContain('清风');
  });

  it('leaves out a cue phrase that follows named people (`甲子施礼`)', () => {
    expect(buildCast(text, 'zh').map((c) => c.name)).not.toContain('施礼');
  });

  it('tells a name from a predicate by where it stands', () => {
    expect(isNameLike({ uses: 16, opening: 8, afterName: 0 })).toBe(true);
    // `甲子施礼`: right after another cast name in a third of its uses
    expect(isNameLike({ uses: 15, opening: 5, afterName: 5 })).toBe(false);
    // `心中暗…`: seldom at a clause's start
    expect(isNameLike({ uses: 20, opening: 2, afterName: 0 })).toBe(false);
  });
});
