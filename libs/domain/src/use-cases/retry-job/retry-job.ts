import type { AnalysisJob } from '../../job/analysis-job';
import { retryJob } from '../../job/analysis-job';
import { updateJob } from '../../job/update-job';
import type { Clock } from '../../ports/clock.port';
import type { JobDispatcher } from '../../ports/job-dispatcher.port';
import type { JobRepository } from '../../ports/job-repository.port';
import { JobNotFoundError } from '../../errors';
import type { GetJob } from '../get-job/get-job';
import { dispatchOrFail } from '../../job/dispatch-or-fail';

/** Starts a new attempt of a failed or cancelled job; it resumes from the saved chunks.
 * Throws `IllegalTransitionError` for a job that is still queued, running or completed. */
export class RetryJob {
  constructor(
    private readonly getJob: GetJob,
    private readonly jobs: JobRepository,
    private readonly dispatcher: JobDispatcher,
    private readonly clock: Clock,
  ) {}

  async execute(input: { ownerId: string; jobId: string }): Promise<AnalysisJob> {
    await this.getJob.execute(input);
    const queued = await updateJob(this.jobs, input.jobId, (j) => retryJob(j, this.clock.now()));
    await dispatchOrFail(this.jobs, this.dispatcher, this.clock, queued);
    const latest = await this.jobs.get(input.jobId);
    if (!latest) throw new JobNotFoundError(input.jobId);
    return latest;
  }
}
