import { describe, expect, it } from 'vitest';
import { collectGarbage, percentile } from './backend-load';

describe('percentile', () => {
  it('is nearest-rank over unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(percentile(samples, 99)).toBe(5);
    expect(percentile(samples, 0)).toBe(1);
  });

  it('is NaN without samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('collectGarbage', () => {
  it('collects an object nothing refers to any more, without --expose-gc', async () => {
    let held: object | undefined = { big: new Array(1000).fill('x') };
    const ref = new WeakRef(held);
    held = undefined;
    // A WeakRef's target lives at least until the current job ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
  });
});
