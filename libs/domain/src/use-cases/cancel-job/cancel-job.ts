import type { AnalysisJob } from '../../job/analysis-job';
import { cancelJob } from '../../job/analysis-job';
import { updateJob } from '../../job/update-job';
import type { Clock } from '../../ports/clock.port';
import type { JobDispatcher } from '../../ports/job-dispatcher.port';
import type { JobRepository } from '../../ports/job-repository.port';
import type { GetJob } from '../get-job/get-job';

/** A backend whose runs may be stopped, and where a failed stop is reported (the job is
 * cancelled already; its steps refuse to go on, so the run ends at its next step anyway).
 * Without `onStopFailed` the stop's error is thrown. */
export interface RunStopper {
  dispatcher: JobDispatcher;
  onStopFailed?: (err: unknown, jobId: string) => void;
}

/** Cancels a queued or running job. Steps still in flight notice at their next write and
 * stop; saved fragments stay, so a retry resumes. With a backend that can stop its runs
 * (durable), the attempt's run is stopped too. Throws `IllegalTransitionError` for a job
 * that has already ended. */
export class CancelJob {
  constructor(
    private readonly getJob: GetJob,
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
    private readonly runs?: RunStopper,
  ) {}

  async execute(input: { ownerId: string; jobId: string }): Promise<AnalysisJob> {
    await this.getJob.execute(input);
    const job = await updateJob(this.jobs, input.jobId, (j) => cancelJob(j, this.clock.now()));
    const stop = this.runs?.dispatcher.stop?.bind(this.runs.dispatcher);
    if (stop && this.runs) {
      try {
        await stop({ jobId: job.id, attempt: job.attempts, backend: job.backend }, 'job cancelled');
      } catch (err) {
        if (!this.runs.onStopFailed) throw err;
        this.runs.onStopFailed(err, job.id);
      }
    }
    return job;
  }
}
