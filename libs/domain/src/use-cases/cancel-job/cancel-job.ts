import type { AnalysisJob } from '../../job/analysis-job';
import { cancelJob } from '../../job/analysis-job';
import { updateJob } from '../../job/update-job';
import type { Clock } from '../../ports/clock.port';
import type { JobRepository } from '../../ports/job-repository.port';
import type { GetJob } from '../get-job/get-job';

/** Cancels a queued or running job. Steps still in flight notice at their next write and
 * stop; saved fragments stay, so a retry resumes. Throws `IllegalTransitionError` for a job
 * that has already ended. */
export class CancelJob {
  constructor(
    private readonly getJob: GetJob,
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
  ) {}

  async execute(input: { ownerId: string; jobId: string }): Promise<AnalysisJob> {
    await this.getJob.execute(input);
    return updateJob(this.jobs, input.jobId, (j) => cancelJob(j, this.clock.now()));
  }
}
