/** Time source and waiting, injectable so tests run on a fake clock. */
export interface Timing {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason if it is aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realTiming: Timing = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Requests per minute as a token bucket (GCRA form): each `take` reserves the next free slot
 * synchronously, so concurrent callers queue in order and never exceed `perMinute` on average
 * nor `burst` at once. A caller aborted while waiting gives its slot up unused.
 */
export class TokenBucket {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  private nextSlot = Number.NEGATIVE_INFINITY;

  constructor(
    readonly perMinute: number,
    readonly burst: number = Math.max(1, Math.ceil(perMinute / 60)),
    private readonly timing: Timing = realTiming,
  ) {
    if (!(perMinute > 0) || !(burst >= 1)) throw new RangeError('perMinute > 0 and burst >= 1');
    this.intervalMs = 60_000 / perMinute;
    this.toleranceMs = (burst - 1) * this.intervalMs;
  }

  /** Waits until a request may start. Returns the wait in ms (0 when a token was free). */
  async take(signal?: AbortSignal): Promise<number> {
    signal?.throwIfAborted();
    const now = this.timing.now();
    // Theoretical arrival time of this request; it may go `burst - 1` intervals early.
    const arrival = Math.max(this.nextSlot, now);
    this.nextSlot = arrival + this.intervalMs;
    const wait = arrival - this.toleranceMs - now;
    if (wait <= 0) return 0;
    await this.timing.sleep(wait, signal);
    return wait;
  }
}

const shared = new Map<string, TokenBucket>();

/** The process-wide bucket for one rate, so every generator built with the same settings (one
 * per container, per chunk, per test) shares a single request budget. */
export function sharedTokenBucket(perMinute: number, burst?: number): TokenBucket {
  const key = `${perMinute}/${burst ?? 'auto'}`;
  let bucket = shared.get(key);
  if (!bucket) {
    bucket = new TokenBucket(perMinute, burst);
    shared.set(key, bucket);
  }
  return bucket;
}
