import type { AnalysisJob } from '../job/analysis-job';

export interface JobRepository {
  /** Stores a new job. Throws `JobAlreadyExistsError` if a job with this id exists. */
  create(job: AnalysisJob): Promise<void>;

  /** The job, or `undefined` when there is none. Reads are strongly consistent. */
  get(jobId: string): Promise<AnalysisJob | undefined>;

  /**
   * Replaces the job with `next` only if the stored job is still at `expectedVersion`
   * (`next.version` must be greater). Throws `JobVersionConflictError` otherwise, and
   * `JobNotFoundError` when the job does not exist. Never creates a job.
   */
  update(next: AnalysisJob, expectedVersion: number): Promise<void>;

  /** The novel's jobs, newest first. Empty when there are none. */
  listByNovel(novelId: string): Promise<AnalysisJob[]>;

  /**
   * Unfinished jobs that look abandoned, oldest first, at most `limit`: `running` jobs whose
   * lease ended before `leaseExpiredBefore` (or, holding no lease, unchanged since
   * `queuedBefore`), and `queued` jobs unchanged since `queuedBefore`. Served by an index that
   * holds only unfinished jobs (never a scan of the table). The index may lag a write by a
   * moment: callers re-check each job and act on it with a conditional `update`.
   */
  listStalled(query: StalledJobsQuery): Promise<AnalysisJob[]>;
}

export interface StalledJobsQuery {
  /** ISO time: a running job's lease must have ended before this. */
  leaseExpiredBefore: string;
  /** ISO time: a queued job (or a running one without a lease) unchanged since before this. */
  queuedBefore: string;
  limit: number;
}
