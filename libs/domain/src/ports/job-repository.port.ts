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
}
