import { describe, expect, it } from 'vitest';
import { buildCast } from './cast';

/** A main speaker with enough cues for any book, so the cast is not empty. */
const MAIN = Array.from({ length: 6 }, (_, k) => `悟空道：“第${k}句。”`);
/** A doorkeeper who speaks twice, and a manner phrase that is the whole clause of two cues. */
const MINOR = [
  '那童子出得门来。童子道：“甚么人在此？”',
  '悟空道：“是我。”童子道：“你跟我进来。”',
  '满心欢喜道：“好！”满心欢喜道：“妙！”又满心欢喜。',
];
const names = (text: string) => buildCast(text, 'zh').flatMap((m) => [m.name, ...m.aliases]);

describe('buildCast (a short Chinese book)', () => {
  it('gives a subject of two speech cues an entry in a short book, never a manner phrase', () => {
    const cast = names([...MAIN, ...MINOR].join('\n\n'));
    expect(cast).toContain('童子');
    expect(cast).not.toContain('满心欢喜');
  });

  it('counts a cue that is not its sentence’s first clause for the sentence’s first subject', () => {
    const court = [
      '玉帝道：“那路神将下界？”',
      '玉帝闻言甚喜，道：“依卿所奏。”玉帝退朝。',
      '金星径入当中，面南立定道：“我是金星。”金星道：“圣旨在身。”',
      // An action, not a person, at a bare cue's sentence start: still no entry.
      '悟空闻说，叩头礼拜道：“万望垂悯！”叩头道：“谢师父！”又叩头。',
    ];
    const cast = names([...MAIN, ...court].join('\n\n'));
    expect(cast).toEqual(expect.arrayContaining(['玉帝', '金星']));
    expect(cast).not.toContain('叩头');
  });

  it('still wants three cues in a long book', () => {
    const filler = '山高水长，云雾缭绕，风过林梢，鸟鸣涧中。'.repeat(3500);
    const cast = names([...MAIN, ...MINOR, filler].join('\n\n'));
    expect(cast).toContain('悟空');
    expect(cast).not.toContain('童子');
  });
});

describe('buildCast (a name taken in the narration)', () => {
  const monkey = [
    '石猴道：“没水！”众猴听了，都跟那石猴进去。石猴坐在上面。',
    '自此，石猴高登王位，将“石”字儿隐了，遂称美猴王。',
    ...Array.from({ length: 4 }, (_, k) => `猴王道：“第${k}句。”`),
  ];

  it('makes the subject of `遂称 X` an alias of the entry that goes by X', () => {
    const cast = buildCast(monkey.join('\n\n'), 'zh');
    const king = cast.find((m) => m.name === '猴王' || m.aliases.includes('猴王'));
    expect(king?.aliases).toContain('石猴');
    expect(cast.filter((m) => [m.name, ...m.aliases].includes('石猴'))).toHaveLength(1);
  });

  it('takes no name a speaker reports (`“那厮自称…”`)', () => {
    const text = [
      ...Array.from({ length: 4 }, (_, k) => `猴王道：“第${k}句。”`),
      ...Array.from(
        { length: 3 },
        (_, k) => `小猴${'甲乙丙'[k]}说：“大王去后。那魔头自称猴王，住在北边。”`,
      ),
    ].join('\n\n');
    const king = buildCast(text, 'zh').find((m) => m.name === '猴王');
    expect(king?.aliases).toEqual([]);
  });
});
