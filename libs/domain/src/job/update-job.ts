import type { AnalysisJob } from './analysis-job';
import type { JobRepository } from '../ports/job-repository.port';
import { JobNotFoundError, JobVersionConflictError } from '../errors';

const MAX_ATTEMPTS = 8;

/**
 * Reads the job, applies `change` and writes it back conditionally on the version read;
 * on a conflict (another step or a cancel wrote first) reads again and re-applies. `change`
 * returning the job unchanged skips the write. Returns the job as stored.
 */
export async function updateJob(
  jobs: JobRepository,
  jobId: string,
  change: (job: AnalysisJob) => AnalysisJob,
): Promise<AnalysisJob> {
  for (let attempt = 1; ; attempt++) {
    const current = await jobs.get(jobId);
    if (!current) throw new JobNotFoundError(jobId);
    const next = change(current);
    if (next === current) return current;
    try {
      await jobs.update(next, current.version);
      return next;
    } catch (err) {
      if (!(err instanceof JobVersionConflictError) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}
