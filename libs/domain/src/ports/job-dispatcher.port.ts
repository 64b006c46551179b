import type { ExecutionBackend } from '../job/analysis-job';

/** Hands a queued job to an execution backend. */
export interface JobDispatcher {
  readonly backend: ExecutionBackend;

  /**
   * Starts (or schedules) the job's pipeline. `sync` returns after the job has finished;
   * the others return once the work is handed off. Dispatching the same job attempt twice
   * must not run two pipelines at once to completion with different results. Throws
   * `DispatchFailedError` when the backend cannot take the job.
   */
  dispatch(job: { jobId: string; attempt: number }): Promise<void>;
}
