import { describe, expect, it } from 'vitest';
import { chooseShot } from './shots';

const base = {
  opensScene: false,
  narration: '',
  speakers: [],
  previousSpeakers: [],
  language: 'en' as const,
};

describe('chooseShot', () => {
  it('opens a scene on an establishing shot', () => {
    expect(chooseShot({ ...base, opensScene: true, narration: 'They talked.' })).toBe(
      'establishing',
    );
  });

  it('shows an exchange over the shoulder and a lone speaker in medium shot', () => {
    expect(chooseShot({ ...base, speakers: ['a'], previousSpeakers: ['b'] })).toBe(
      'over-the-shoulder',
    );
    expect(chooseShot({ ...base, speakers: ['a', 'b'] })).toBe('over-the-shoulder');
    expect(chooseShot({ ...base, speakers: ['a'], previousSpeakers: [] })).toBe('medium');
  });

  it('goes wide on a described place, close on emotion, insert on an object', () => {
    expect(
      chooseShot({
        ...base,
        narration:
          'The road wound through the dark forest towards the distant hills and on into the evening.',
      }),
    ).toBe('wide');
    expect(chooseShot({ ...base, narration: 'Tears ran down her cheeks.' })).toBe('close-up');
    expect(chooseShot({ ...base, narration: 'On the table lay a small golden key.' })).toBe(
      'insert',
    );
    expect(chooseShot({ ...base, language: 'zh', narration: '行者大怒，眼中喷火。' })).toBe(
      'close-up',
    );
    expect(
      chooseShot({ ...base, language: 'zh', narration: '只见那座高山，峰岩重叠，涧壑湾环。' }),
    ).toBe('wide');
  });
});
