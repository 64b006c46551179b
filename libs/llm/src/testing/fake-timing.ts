import type { Timing } from '../token-bucket';

/** A virtual clock for concurrent sleepers: `sleep(ms)` records the wait and resolves on the
 * next microtask, moving the clock to that sleeper's wake-up time (never backwards). */
export function fakeTiming(): Timing & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      const wake = now + ms;
      slept.push(ms);
      await Promise.resolve();
      signal?.throwIfAborted();
      now = Math.max(now, wake);
    },
  };
}
