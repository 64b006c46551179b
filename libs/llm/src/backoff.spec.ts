import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from './backoff';

const headers = (h: Record<string, string>) => new Headers(h);

describe('retryDelayMs', () => {
  const opts = (random: number) => ({ baseMs: 1_000, maxMs: 30_000, random: () => random });

  it('doubles per retry with equal jitter, capped', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, opts(0), undefined))).toEqual([
      500, 1_000, 2_000, 4_000,
    ]);
    expect([1, 2, 3].map((n) => retryDelayMs(n, opts(0.999999), undefined))).toEqual([
      1_000, 2_000, 4_000,
    ]);
    expect(retryDelayMs(10, opts(0.999999), undefined)).toBe(30_000);
  });

  it('never waits less than Retry-After asks, and at most the cap', () => {
    expect(retryDelayMs(1, opts(0), 7_000)).toBe(7_000);
    expect(retryDelayMs(5, opts(0.999999), 100)).toBe(16_000);
    expect(retryDelayMs(1, opts(0), 600_000)).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, an HTTP date and retry-after-ms', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '3' }))).toBe(3_000);
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '3' }))).toBe(250);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(
      5_000,
    );
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(parseRetryAfter(headers({}))).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
