import { describe, expect, it } from 'vitest';
import { createUseCases } from '../use-cases/create-use-cases';
import { SweepStalledJobs } from '../use-cases/sweep-stalled-jobs/sweep-stalled-jobs';
import type { ExecutionBackend } from '../job/analysis-job';
import { failJob } from '../job/analysis-job';
import { updateJob } from '../job/update-job';
import type { DispatchTarget, JobDispatcher } from '../ports/job-dispatcher.port';
import { BackendNotEnabledError } from '../errors';
import { InMemoryJobRepository } from '../memory/in-memory-job-repository';
import { InMemoryNovelRepository } from '../memory/in-memory-novel-repository';
import { InMemoryNovelTextStore } from '../memory/in-memory-novel-text-store';
import { InMemoryStoryboardRepository } from '../memory/in-memory-storyboard-repository';
import { LineTextAnalyzer, ParagraphStoryboardGenerator } from '../testing/doubles';
import { FakeClock, SequentialIdGenerator } from '../testing/fake-clock';
import { BackendRouter } from './backend-router';

/** Records what it was asked to run, under its own backend name. */
class Recording implements JobDispatcher {
  readonly dispatched: (DispatchTarget & { redispatch?: number })[] = [];
  readonly stopped: DispatchTarget[] = [];
  constructor(readonly backend: ExecutionBackend) {}
  async dispatch(job: DispatchTarget & { redispatch?: number }): Promise<void> {
    this.dispatched.push(job);
  }
  async stop(job: DispatchTarget): Promise<boolean> {
    this.stopped.push(job);
    return true;
  }
}

function setup() {
  const sqs = new Recording('sqs');
  const sfn = new Recording('stepfunctions');
  const ports = {
    jobs: new InMemoryJobRepository(),
    novels: new InMemoryNovelRepository(),
    texts: new InMemoryNovelTextStore(),
    storyboards: new InMemoryStoryboardRepository(),
    clock: new FakeClock('2026-03-01T00:00:00.000Z', 0),
    ids: new SequentialIdGenerator(),
    analyzer: new LineTextAnalyzer(),
    generator: new ParagraphStoryboardGenerator(),
  };
  const uc = createUseCases(
    { ...ports, dispatcher: new BackendRouter([sqs, sfn]) },
    { maxChunkChars: 200, maxNovelBytes: 1 << 20, maxSyncChars: 1_000_000 },
  );
  return { ...ports, uc, sqs, sfn };
}

const bytes = new TextEncoder().encode('# One\n\nSome words here.');

describe('several enabled backends (BackendRouter)', () => {
  it('runs a job on the backend asked for, or on the default one without a choice', async () => {
    const h = setup();
    const novel = await h.uc.submitNovel.execute({ ownerId: 'u', title: 'T', bytes });
    const plain = await h.uc.requestAnalysis.execute({ ownerId: 'u', novelId: novel.id });
    const picked = await h.uc.requestAnalysis.execute({
      ownerId: 'u',
      novelId: novel.id,
      backend: 'stepfunctions',
    });
    expect(plain.backend).toBe('sqs');
    expect(picked.backend).toBe('stepfunctions');
    expect(h.sqs.dispatched.map((d) => d.jobId)).toEqual([plain.id]);
    expect(h.sfn.dispatched.map((d) => d.jobId)).toEqual([picked.id]);
  });

  it('refuses a backend that is not enabled, naming the enabled ones, and creates no job', async () => {
    const h = setup();
    const novel = await h.uc.submitNovel.execute({ ownerId: 'u', title: 'T', bytes });
    for (const backend of ['durable', 'nonsense']) {
      const err = await h.uc.requestAnalysis
        .execute({ ownerId: 'u', novelId: novel.id, backend })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackendNotEnabledError);
      expect((err as Error).message).toContain('sqs, stepfunctions');
    }
    expect(await h.jobs.listByNovel(novel.id)).toEqual([]);
  });

  it('retries, sweeps and cancels a job on its own backend, not the default', async () => {
    const h = setup();
    const novel = await h.uc.submitNovel.execute({ ownerId: 'u', title: 'T', bytes });
    const job = await h.uc.requestAnalysis.execute({
      ownerId: 'u',
      novelId: novel.id,
      backend: 'stepfunctions',
    });
    await updateJob(h.jobs, job.id, (j) =>
      failJob(j, { code: 'X', message: 'x', retryable: true }, h.clock.now()),
    );
    await h.uc.retryJob.execute({ ownerId: 'u', jobId: job.id });
    const sweeper = new SweepStalledJobs({
      jobs: h.jobs,
      dispatcher: h.uc.dispatcher,
      clock: h.clock,
      policy: { leaseMs: 1, queuedStallMs: 1, maxStalls: 3, batchSize: 10 },
    });
    const report = await sweeper.execute({ everything: true });
    expect(report.redispatched).toEqual([job.id]);
    await h.uc.cancelJob.execute({ ownerId: 'u', jobId: job.id });

    expect(h.sqs.dispatched).toEqual([]);
    expect(h.sqs.stopped).toEqual([]);
    expect(h.sfn.dispatched.map((d) => [d.attempt, d.redispatch ?? 0])).toEqual([
      [1, 0],
      [2, 0],
      [2, 1],
    ]);
    expect(h.sfn.stopped).toEqual([{ jobId: job.id, attempt: 2, backend: 'stepfunctions' }]);
  });
});
