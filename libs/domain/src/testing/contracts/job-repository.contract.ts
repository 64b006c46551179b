import { describe, expect, it } from 'vitest';
import type { JobRepository } from '../../ports/job-repository.port';
import { JobAlreadyExistsError, JobNotFoundError, JobVersionConflictError } from '../../errors';
import { advanceProgress, completeJob, startJob, takeLease } from '../../job/analysis-job';
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

    it('stores a lease and the stall count and reads them back', async () => {
      const repo = await make();
      const job = aJob();
      await repo.create(job);
      const leased = {
        ...takeLease(job, { owner: 'w1', until: '2026-01-01T00:05:00.000Z' }, 't'),
        stalls: 2,
      };
      await repo.update(leased, job.version);
      expect(await repo.get(job.id)).toEqual(leased);
    });

    it('lists stalled jobs from its index: expired leases and old queued jobs, oldest first', async () => {
      const repo = await make();
      const at = (minute: number) => `2000-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
      const novelId = uniqueId('novel');
      const lease = (minute: number, job = aJob({ novelId, createdAt: at(0), updatedAt: at(0) })) =>
        takeLease(job, { owner: 'w', until: at(minute) }, at(1));
      const expiredEarly = lease(3);
      const expiredLate = lease(8);
      const alive = lease(30);
      const oldQueued = aJob({ novelId, createdAt: at(5), updatedAt: at(5) });
      const newQueued = aJob({ novelId, createdAt: at(20), updatedAt: at(20) });
      const finished = completeJob(lease(2), at(2));
      for (const job of [expiredEarly, expiredLate, alive, oldQueued, newQueued, finished]) {
        await repo.create(job);
      }
      const mine = new Set(
        [expiredEarly, expiredLate, alive, oldQueued, newQueued, finished].map((j) => j.id),
      );
      const stalled = await repo.listStalled({
        leaseExpiredBefore: at(10),
        queuedBefore: at(10),
        limit: 1000,
      });
      const ids = stalled.map((j) => j.id).filter((id) => mine.has(id));
      expect(ids).toEqual([expiredEarly.id, oldQueued.id, expiredLate.id]);
      expect(stalled.find((j) => j.id === expiredEarly.id)).toEqual(expiredEarly);
    });

    it('drops a job from the stalled list once it ends or renews its lease', async () => {
      const repo = await make();
      const old = '2000-02-01T00:00:00.000Z';
      const job = takeLease(
        aJob({ createdAt: old, updatedAt: old }),
        { owner: 'w', until: old },
        old,
      );
      await repo.create(job);
      const query = {
        leaseExpiredBefore: '2000-02-02T00:00:00.000Z',
        queuedBefore: old,
        limit: 1000,
      };
      expect((await repo.listStalled(query)).map((j) => j.id)).toContain(job.id);
      const renewed = takeLease(job, { owner: 'w', until: '2000-03-01T00:00:00.000Z' }, old);
      await repo.update(renewed, job.version);
      expect((await repo.listStalled(query)).map((j) => j.id)).not.toContain(job.id);
      const done = completeJob(renewed, old);
      await repo.update(done, renewed.version);
      expect(
        await repo.listStalled({ ...query, leaseExpiredBefore: '9999-01-01T00:00:00.000Z' }),
      ).not.toContainEqual(expect.objectContaining({ id: job.id }));
    });
  });
}
