import type { JobDispatcher } from '../ports/job-dispatcher.port';
import type { RunJob } from '../use-cases/run-job/run-job';

/**
 * `fire-and-forget`: the original design, kept only as the benchmark baseline. It schedules
 * the pipeline with `setImmediate` and returns at once. On Lambda the execution environment
 * is frozen as soon as the handler returns, so the scheduled work stalls or is lost: the
 * runtime config refuses this backend there unless explicitly overridden.
 */
export class FireAndForgetJobDispatcher implements JobDispatcher {
  readonly backend = 'fire-and-forget' as const;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly runJob: RunJob,
    private readonly onError: (err: unknown, jobId: string) => void,
  ) {}

  async dispatch({ jobId }: { jobId: string }): Promise<void> {
    const run = new Promise<void>((resolve) => {
      setImmediate(() => {
        this.runJob
          .executeToEnd(jobId)
          .catch((err: unknown) => this.onError(err, jobId))
          .finally(() => {
            this.running.delete(run);
            resolve();
          });
      });
    });
    this.running.add(run);
  }

  /** Resolves when every scheduled run has ended (for tests and orderly shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
