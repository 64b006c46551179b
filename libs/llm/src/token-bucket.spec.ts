import { describe, expect, it } from 'vitest';
import { fakeTiming } from './testing/fake-timing';
import { sharedTokenBucket, TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('spaces a burst at the configured rate, in arrival order', async () => {
    const t = fakeTiming();
    const bucket = new TokenBucket(60, 1, t);
    const waits = await Promise.all(Array.from({ length: 5 }, () => bucket.take()));
    expect(waits).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
  });

  it('lets `burst` requests through at once, then one per interval', async () => {
    const t = fakeTiming();
    const bucket = new TokenBucket(600, 3, t);
    const waits = await Promise.all(Array.from({ length: 6 }, () => bucket.take()));
    expect(waits).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('refills while idle, up to the burst', async () => {
    const t = fakeTiming();
    const bucket = new TokenBucket(60, 2, t);
    await bucket.take();
    await bucket.take();
    await t.sleep(60_000);
    const waits = await Promise.all([bucket.take(), bucket.take(), bucket.take()]);
    expect(waits).toEqual([0, 0, 1_000]);
  });

  it('gives a waiting caller up when its signal aborts', async () => {
    const t = fakeTiming();
    const bucket = new TokenBucket(60, 1, t);
    await bucket.take();
    await expect(bucket.take(AbortSignal.abort(new Error('stop')))).rejects.toThrow('stop');
  });

  it('is one bucket per rate in the process', () => {
    expect(sharedTokenBucket(123)).toBe(sharedTokenBucket(123));
    expect(sharedTokenBucket(123)).not.toBe(sharedTokenBucket(124));
  });
});
