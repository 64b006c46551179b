import type { AnalysisJob } from '../job/analysis-job';
import type { JobRepository, StalledJobsQuery } from '../ports/job-repository.port';
import { isStalled } from '../job/analysis-job';
import { JobAlreadyExistsError, JobNotFoundError, JobVersionConflictError } from '../errors';

/** Jobs in a Map, copied on the way in and out so callers never share state with it. */
export class InMemoryJobRepository implements JobRepository {
  private readonly jobs = new Map<string, AnalysisJob>();

  async create(job: AnalysisJob): Promise<void> {
    if (this.jobs.has(job.id)) throw new JobAlreadyExistsError(job.id);
    this.jobs.set(job.id, structuredClone(job));
  }

  async get(jobId: string): Promise<AnalysisJob | undefined> {
    const job = this.jobs.get(jobId);
    return job && structuredClone(job);
  }

  async update(next: AnalysisJob, expectedVersion: number): Promise<void> {
    const current = this.jobs.get(next.id);
    if (!current) throw new JobNotFoundError(next.id);
    if (current.version !== expectedVersion || next.version <= expectedVersion) {
      throw new JobVersionConflictError(next.id, expectedVersion);
    }
    this.jobs.set(next.id, structuredClone(next));
  }

  async listByNovel(novelId: string): Promise<AnalysisJob[]> {
    return [...this.jobs.values()]
      .filter((j) => j.novelId === novelId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
      .map((j) => structuredClone(j));
  }

  async listStalled(query: StalledJobsQuery): Promise<AnalysisJob[]> {
    return [...this.jobs.values()]
      .filter((j) => isStalled(j, query.leaseExpiredBefore, query.queuedBefore))
      .sort((a, b) => sweepKey(a).localeCompare(sweepKey(b)))
      .slice(0, query.limit)
      .map((j) => structuredClone(j));
  }
}

/** The time from which a job counts as stalled, as the DynamoDB index sorts it. */
const sweepKey = (job: AnalysisJob): string =>
  `${(job.status === 'running' && job.leaseUntil) || job.updatedAt}#${job.id}`;
