import type { AnalysisJob, JobRepository } from '@storyboard/domain';

/**
 * Wakes event streams early when a job changes in this process. Only the local app (API and
 * worker in one process) has one; elsewhere streams read the job store on their poll
 * interval, which stays the source of truth either way.
 */
export class JobChangeNotifier {
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly listeners: ((jobId: string) => void)[] = [];

  /** Calls `listener` (synchronously) on every change, before waking the streams. */
  onChange(listener: (jobId: string) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves on the next change of `jobId`, after `ms`, or when `signal` aborts. */
  wait(jobId: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(jobId) ?? new Set();
      this.waiters.set(jobId, set);
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        set.delete(done);
        if (set.size === 0 && this.waiters.get(jobId) === set) this.waiters.delete(jobId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      set.add(done);
    });
  }

  /** Tells every stream of `jobId` to read the store now. */
  changed(jobId: string): void {
    for (const listener of this.listeners) listener(jobId);
    for (const wake of [...(this.waiters.get(jobId) ?? [])]) wake();
  }

  /** `inner` with `create` and `update` announcing the change after they succeed; every other
   * method passes through untouched. */
  wrap(inner: JobRepository): JobRepository {
    const announce =
      (write: (job: AnalysisJob, ...rest: never[]) => Promise<void>) =>
      async (job: AnalysisJob, ...rest: never[]) => {
        await write.call(inner, job, ...rest);
        this.changed(job.id);
      };
    return new Proxy(inner, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver);
        if (prop === 'create' || prop === 'update') return announce(value);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
}

/** Without a notifier a stream just sleeps for its poll interval (or until it is closed). */
export const sleepUnlessAborted = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
