import type { JobDispatcher } from '../ports/job-dispatcher.port';
import type { RunJob } from '../use-cases/run-job/run-job';

/** `sync`: runs the whole pipeline inside the caller (the API request or the CLI) and
 * returns when the job has ended. Only for small texts on Lambda (29 s API limit). */
export class SyncJobDispatcher implements JobDispatcher {
  readonly backend = 'sync' as const;

  constructor(private readonly runJob: RunJob) {}

  async dispatch({ jobId }: { jobId: string }): Promise<void> {
    await this.runJob.executeToEnd(jobId);
  }
}
