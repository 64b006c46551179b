import type { CastMember } from '@storyboard/domain';
import { describe, expect, it } from 'vitest';
import { MentionMatcher } from './mentions';
import { recordPrefixed, withPrefixedForms } from './chinese-prefixed';

const CAST: CastMember[] = [
  { id: 'monkey', name: '悟空', aliases: ['猴王'] },
  { id: 'master', name: '祖师', aliases: [] },
  { id: 'dragon', name: '龙王', aliases: [] },
];

/** The prefixed forms of `text` as the cast's one pass records them, then the cast with them. */
function withForms(text: string): CastMember[] {
  const prefixed = new Map<string, number>();
  let previousEnd = -1;
  new MentionMatcher(CAST, 'zh').each(text, 0, text.length, (_id, at, end) => {
    recordPrefixed(prefixed, text, at, end, previousEnd);
    previousEnd = end;
  });
  return withPrefixedForms(CAST, prefixed);
}

describe('prefixed Chinese forms', () => {
  it('makes `美猴王` an alias of the entry `猴王` belongs to when it opens speech cues', () => {
    const text = '美猴王十分欢喜道：“妙！”美猴王顿然醒悟道：“此是何处？”';
    expect(withForms(text)[0]?.aliases).toEqual(['猴王', '美猴王']);
    // Once is not enough.
    expect(withForms('美猴王十分欢喜道：“妙！”')[0]?.aliases).toEqual(['猴王']);
  });

  it('takes no verb, pronoun or modifier in front of a name, nor one outside a cue', () => {
    const text = [
      '请祖师上坐道：“请。”请祖师上坐道：“请。”',
      '我祖师说：“是。”我祖师说：“是。”',
      '老龙王大怒道：“打！”老龙王大怒道：“打！”',
      '美猴王早起，教：“来。”美猴王早起，教：“来。”',
    ].join('');
    expect(withForms(text)).toEqual(CAST);
  });

  it('takes no character written in front of two different names', () => {
    const text = '照祖师说：“是。”照祖师说：“是。”照猴王说：“好。”照猴王说：“好。”';
    expect(withForms(text)).toEqual(CAST);
  });
});
