import type { AnalysisJob } from '../../job/analysis-job';
import type { JobRepository } from '../../ports/job-repository.port';
import type { NovelRepository } from '../../ports/novel-repository.port';
import { NovelNotFoundError } from '../../errors';

/** A novel's analysis jobs, newest first; another user's novel is "not found". */
export class ListNovelJobs {
  constructor(
    private readonly novels: NovelRepository,
    private readonly jobs: JobRepository,
  ) {}

  async execute(input: { ownerId: string; novelId: string }): Promise<AnalysisJob[]> {
    const novel = await this.novels.get(input.ownerId, input.novelId);
    if (!novel) throw new NovelNotFoundError(input.novelId);
    const jobs = await this.jobs.listByNovel(input.novelId);
    // Jobs carry their owner too: never hand out one that is not the caller's.
    return jobs.filter((job) => job.ownerId === input.ownerId);
  }
}
