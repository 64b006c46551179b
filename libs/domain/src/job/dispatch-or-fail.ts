import type { AnalysisJob } from './analysis-job';
import { failJob } from './analysis-job';
import { updateJob } from './update-job';
import type { JobRepository } from '../ports/job-repository.port';
import type { JobDispatcher } from '../ports/job-dispatcher.port';
import type { Clock } from '../ports/clock.port';
import { toDomainError } from '../errors';

/** Dispatches a queued job; if the backend refuses it, the job is marked failed (never left
 * queued with nobody to run it) and the error is rethrown. */
export async function dispatchOrFail(
  jobs: JobRepository,
  dispatcher: JobDispatcher,
  clock: Clock,
  job: AnalysisJob,
): Promise<void> {
  try {
    await dispatcher.dispatch({ jobId: job.id, attempt: job.attempts, backend: job.backend });
  } catch (err) {
    const error = toDomainError(err);
    await updateJob(jobs, job.id, (j) =>
      j.status === 'queued'
        ? failJob(
            j,
            { code: error.code, message: error.message, retryable: error.retryable },
            clock.now(),
          )
        : j,
    );
    throw error;
  }
}
