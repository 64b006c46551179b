import { describe, expect, it } from 'vitest';
import { describeSpeech } from './panels';

describe('describeSpeech', () => {
  const names = new Map([
    ['c1', 'Elsie'],
    ['c2', 'the Captain'],
    ['c3', '林小雨'],
    ['c4', '奶奶'],
  ]);

  it('names who talks instead of repeating the speech', () => {
    expect(describeSpeech(['c2'], names, 'en')).toBe('The Captain speaks.');
    expect(describeSpeech(['c1', 'c2', 'c1'], names, 'en')).toBe('Elsie and the Captain talk.');
    expect(describeSpeech([null], names, 'en')).toBe('Someone speaks.');
    expect(describeSpeech(['c3', 'c4'], names, 'zh')).toBe('林小雨与奶奶对话。');
    expect(describeSpeech([null, null], names, 'zh')).toBe('有人说话。');
  });
});
