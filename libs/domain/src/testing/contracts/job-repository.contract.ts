import { describe, expect, it } from 'vitest';
import type { JobRepository } from '../../ports/job-repository.port';
import { JobAlreadyExistsError, JobNotFoundError, JobVersionConflictError } from '../../errors';
import { advanceProgress, startJob } from '../../job/analysis-job';
import { aJob, uniqueId } from '../builders';

type Make<T> = () => T | Promise<T>;

/** What every JobRepository must do; run against the in-memory fake and every real adapter. */
export function describeJobRepositoryContract(name: string, make: Make<JobRepository>): void {
  describe(`JobRepository contract: ${name}`, () => {
    it('returns undefined for a job that does not exist', async () => {
      const repo = await make();
      expect(await repo.get(uniqueId('missing'))).toBeUndefined();
    });

    it('stores a new job and reads it back unchanged', async () => {
      const repo = await make();
      const job = aJob({ error: { code: 'X', message: 'm', retryable: true } });
      await repo.create(job);
      expect(await repo.get(job.id)).toEqual(job);
    });

    it('refuses to create a job whose id exists', async () => {
      const repo = await make();
      const job = aJob();
      await repo.create(job);
      await expect(repo.create({ ...job, attempts: 5 })).rejects.toBeInstanceOf(
        JobAlreadyExistsError,
      );
      expect((await repo.get(job.id))?.attempts).toBe(1);
    });

    it('updates a job at the expected version', async () => {
      const repo = await make();
      const job = aJob();
      await repo.create(job);
      const running = startJob(job, '2026-01-01T00:00:01.000Z');
      await repo.update(running, job.version);
      expect(await repo.get(job.id)).toEqual(running);
    });

    it('refuses a stale update and keeps the stored job', async () => {
      const repo = await make();
      const job = aJob();
      await repo.create(job);
      const running = startJob(job, '2026-01-01T00:00:01.000Z');
      await repo.update(running, job.version);
      const stale = { ...job, status: 'cancelled' as const, version: job.version + 1 };
      await expect(repo.update(stale, job.version)).rejects.toBeInstanceOf(JobVersionConflictError);
      expect(await repo.get(job.id)).toEqual(running);
    });

    it('refuses an update that does not raise the version', async () => {
      const repo = await make();
      const job = aJob();
      await repo.create(job);
      await expect(repo.update({ ...job, attempts: 2 }, job.version)).rejects.toBeInstanceOf(
        JobVersionConflictError,
      );
    });

    it('lets exactly one of two concurrent updates at one version win', async () => {
      const repo = await make();
      const job = aJob();
      await repo.create(job);
      const running = startJob(job, '2026-01-01T00:00:01.000Z');
      const a = advanceProgress(
        running,
        { percentage: 20, stage: 'analyze-chunk', chunksDone: 1, chunksTotal: 4 },
        't',
      );
      await repo.update(running, job.version);
      const b = advanceProgress(
        running,
        { percentage: 30, stage: 'analyze-chunk', chunksDone: 2, chunksTotal: 4 },
        't',
      );
      const results = await Promise.allSettled([
        repo.update(a, running.version),
        repo.update(b, running.version),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(
        JobVersionConflictError,
      );
    });

    it('refuses to update a job that does not exist', async () => {
      const repo = await make();
      const job = aJob();
      await expect(repo.update({ ...job, version: 2 }, 1)).rejects.toBeInstanceOf(JobNotFoundError);
      expect(await repo.get(job.id)).toBeUndefined();
    });

    it('lists a novel’s jobs newest first and no others', async () => {
      const repo = await make();
      const novelId = uniqueId('novel');
      const older = aJob({ novelId, createdAt: '2026-01-01T00:00:00.000Z' });
      const newer = aJob({ novelId, createdAt: '2026-01-02T00:00:00.000Z' });
      await repo.create(older);
      await repo.create(newer);
      await repo.create(aJob());
      const listed = await repo.listByNovel(novelId);
      expect(listed.map((j) => j.id)).toEqual([newer.id, older.id]);
      expect(await repo.listByNovel(uniqueId('novel'))).toEqual([]);
    });

    it('hands out copies: changing a returned job changes nothing stored', async () => {
      const repo = await make();
      const job = aJob();
      await repo.create(job);
      const read = await repo.get(job.id);
      if (read) read.progress.percentage = 77;
      expect((await repo.get(job.id))?.progress.percentage).toBe(0);
    });
  });
}
