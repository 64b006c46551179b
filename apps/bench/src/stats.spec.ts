import { describe, expect, it } from 'vitest';
import { percentile, percentiles } from './stats';

describe('percentile', () => {
  it('is nearest-rank over unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(percentile(samples, 99)).toBe(5);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentiles([...Array(100).keys()].map((i) => i + 1))).toEqual({
      p50: 50,
      p95: 95,
      p99: 99,
    });
  });

  it('is NaN without samples', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});
