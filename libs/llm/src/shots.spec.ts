import { describe, expect, it } from 'vitest';
import { normalizeShot } from './shots';

describe('normalizeShot', () => {
  it.each([
    ['close-up', 'close-up', 'exact'],
    ['Close up', 'close-up', 'mapped'],
    ['CU', 'close-up', 'mapped'],
    ['extreme close-up', 'extreme-close-up', 'mapped'],
    ['ECU', 'extreme-close-up', 'mapped'],
    ['long shot', 'wide', 'mapped'],
    ['medium shot', 'medium', 'mapped'],
    ['OTS', 'over-the-shoulder', 'mapped'],
    ['establishing shot', 'establishing', 'mapped'],
    ['特写', 'close-up', 'mapped'],
    ['大特写', 'extreme-close-up', 'mapped'],
    ['远景', 'wide', 'mapped'],
    ['dutch angle', 'medium', 'unknown'],
    [undefined, 'medium', 'unknown'],
  ])('%s → %s (%s)', (raw, shot, how) => {
    expect(normalizeShot(raw)).toEqual({ shot, how });
  });
});
