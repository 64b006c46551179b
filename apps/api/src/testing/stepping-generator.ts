import { GeneratorOutputError } from '@storyboard/domain';
import type { Fragment, GenerateInput, StoryboardGenerator } from '@storyboard/domain';

/**
 * Wraps the real generator so a test decides when each chunk may finish: every call waits
 * for a permit (`allow(n)`, or `open()` for all from now on). Used to watch progress move one
 * chunk at a time, and to hold a job `running` while the test cancels it.
 */
export class SteppingGenerator implements StoryboardGenerator {
  private permits = 0;
  private opened = false;
  private waiting: (() => void)[] = [];
  private failNextCalls = 0;
  /** Calls started since the last `close()` (a test waits for the job to reach the generator). */
  calls = 0;
  private callWaiters: { n: number; resolve: () => void }[] = [];

  constructor(private readonly inner: StoryboardGenerator) {}

  get name(): string {
    return this.inner.name;
  }

  /** Let `n` more calls through. */
  allow(n = 1): void {
    this.permits += n;
    this.flush();
  }

  /** Let every call through from now on. */
  open(): void {
    this.opened = true;
    this.flush();
  }

  /** Hold calls again (each waits for a permit). */
  close(): void {
    this.opened = false;
    this.permits = 0;
    this.calls = 0;
  }

  /** The next `n` calls throw a permanent generator error once let through. */
  failNext(n: number): void {
    this.failNextCalls = n;
  }

  /** Resolves once `n` calls have started since the last `close()`. */
  reached(n: number): Promise<void> {
    if (this.calls >= n) return Promise.resolve();
    return new Promise((resolve) => this.callWaiters.push({ n, resolve }));
  }

  async generate(input: GenerateInput, signal?: AbortSignal): Promise<Fragment> {
    this.calls++;
    for (const w of this.callWaiters.filter((w) => this.calls >= w.n)) w.resolve();
    this.callWaiters = this.callWaiters.filter((w) => this.calls < w.n);
    if (!this.opened) {
      if (this.permits > 0) this.permits--;
      else await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    if (this.failNextCalls > 0) {
      this.failNextCalls--;
      throw new GeneratorOutputError('stepping generator: failure injected by the test');
    }
    return this.inner.generate(input, signal);
  }

  private flush(): void {
    while (this.waiting.length > 0 && (this.opened || this.permits > 0)) {
      if (!this.opened) this.permits--;
      this.waiting.shift()?.();
    }
  }
}
