import type { AnalysisJob } from '../../job/analysis-job';
import type { JobRepository } from '../../ports/job-repository.port';
import { JobNotFoundError } from '../../errors';

/** A job as its owner sees it; another user's job is "not found", never "forbidden". */
export class GetJob {
  constructor(private readonly jobs: JobRepository) {}

  async execute(input: { ownerId: string; jobId: string }): Promise<AnalysisJob> {
    const job = await this.jobs.get(input.jobId);
    if (!job || job.ownerId !== input.ownerId) throw new JobNotFoundError(input.jobId);
    return job;
  }
}
