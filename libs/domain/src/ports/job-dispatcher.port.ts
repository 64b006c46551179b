import type { ExecutionBackend } from '../job/analysis-job';

/** Which job attempt to run, and (with several backends enabled) on which backend. */
export interface DispatchTarget {
  jobId: string;
  attempt: number;
  /** The job's own backend (`job.backend`): a dispatcher serving several backends routes by
   * it; a single-backend dispatcher ignores it. */
  backend?: ExecutionBackend;
}

/** Hands a queued job to an execution backend. */
export interface JobDispatcher {
  /** The default backend: a job asked for without one runs here. */
  readonly backend: ExecutionBackend;
  /** Every backend this dispatcher can run a job on (absent: only `backend`). */
  readonly backends?: readonly ExecutionBackend[];

  /**
   * Starts (or schedules) the job's pipeline. `sync` returns after the job has finished;
   * the others return once the work is handed off. Dispatching the same job attempt twice
   * must not run two pipelines at once to completion with different results. Throws
   * `DispatchFailedError` when the backend cannot take the job. `redispatch` (1, 2, …) marks
   * the sweeper's re-dispatch of a stalled attempt: a backend that dedupes by attempt (a Step
   * Functions execution name) must start a new run for it.
   */
  dispatch(job: DispatchTarget & { redispatch?: number }): Promise<void>;

  /**
   * Optional: stops the backend's run of this job attempt where the backend can (a durable
   * execution). Called after the job is cancelled; the steps refuse to continue a cancelled
   * job either way, so a stop only ends the run sooner. Resolves whether a running run was
   * stopped (false: none was running). Throws `DispatchFailedError` when the backend cannot
   * be reached.
   */
  stop?(job: DispatchTarget, reason: string): Promise<boolean>;
}
