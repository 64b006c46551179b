import type { GenerateInput, StoryboardGenerator } from '@storyboard/domain';
import type { Fragment } from '@storyboard/domain';

/**
 * Wraps the real generator so a test can hold a job mid-run (every call waits until the test
 * releases it) or fail the next calls with a chosen error. Scenarios run one at a time, so
 * what a test sets applies to its own job.
 */
export class ControllableGenerator implements StoryboardGenerator {
  private gate: Promise<void> | undefined;
  private onEnter: (() => void) | undefined;
  private failures: { left: number; error: () => Error } | undefined;

  constructor(private readonly inner: StoryboardGenerator) {}

  get name(): string {
    return this.inner.name;
  }

  /** From now on, calls wait for `release()`; `entered` resolves when the first one arrives
   * (the job is then running: `prepare` is done). */
  hold(): { entered: Promise<void>; release: () => void } {
    let open = () => {};
    let enter = () => {};
    this.gate = new Promise<void>((resolve) => (open = resolve));
    const entered = new Promise<void>((resolve) => (enter = resolve));
    this.onEnter = enter;
    return {
      entered,
      release: () => {
        this.gate = undefined;
        open();
      },
    };
  }

  /** The next `times` calls throw `error()`. */
  failNext(times: number, error: () => Error): void {
    this.failures = { left: times, error };
  }

  async generate(input: GenerateInput, signal?: AbortSignal): Promise<Fragment> {
    if (this.failures && this.failures.left > 0) {
      this.failures.left--;
      throw this.failures.error();
    }
    if (this.gate) {
      this.onEnter?.();
      await this.gate;
    }
    return this.inner.generate(input, signal);
  }
}
