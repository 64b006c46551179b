import { describe, expect, it } from 'vitest';
import type { AnalysisJob, JobStatus } from './analysis-job';
import {
  JOB_STATUSES,
  advanceProgress,
  cancelJob,
  canTransition,
  completeJob,
  failJob,
  retryJob,
  startJob,
} from './analysis-job';
import { IllegalTransitionError } from '../errors';
import { aJob } from '../testing/builders';

const NOW = '2026-01-01T00:01:00.000Z';
const ERR = { code: 'X.Y', message: 'boom', retryable: false };

const moves: Record<JobStatus, (job: AnalysisJob) => AnalysisJob> = {
  queued: (j) => retryJob(j, NOW),
  running: (j) => startJob(j, NOW),
  completed: (j) => completeJob(j, NOW),
  failed: (j) => failJob(j, ERR, NOW),
  cancelled: (j) => cancelJob(j, NOW),
};

const allowed = new Set([
  'queued>running',
  'queued>failed',
  'queued>cancelled',
  'running>completed',
  'running>failed',
  'running>cancelled',
  'failed>queued',
  'cancelled>queued',
]);

describe('job lifecycle', () => {
  for (const from of JOB_STATUSES) {
    for (const to of JOB_STATUSES) {
      const ok = allowed.has(`${from}>${to}`);
      it(`${ok ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        const job = aJob({ status: from });
        expect(canTransition(from, to)).toBe(ok);
        if (ok) {
          const next = moves[to](job);
          expect(next.status).toBe(to);
          expect(next.version).toBe(job.version + 1);
          expect(next.updatedAt).toBe(NOW);
        } else {
          expect(() => moves[to](job)).toThrow(IllegalTransitionError);
        }
      });
    }
  }

  it('records start and finish times and the error of a failure', () => {
    const running = startJob(aJob(), NOW);
    expect(running.startedAt).toBe(NOW);
    const failed = failJob(running, ERR, '2026-01-01T00:02:00.000Z');
    expect(failed.error).toEqual(ERR);
    expect(failed.finishedAt).toBe('2026-01-01T00:02:00.000Z');
  });

  it('completes at 100 percent', () => {
    const done = completeJob(startJob(aJob(), NOW), NOW);
    expect(done.progress).toMatchObject({ percentage: 100, stage: 'complete' });
  });

  it('starts a new attempt on retry with progress and error cleared', () => {
    const running = advanceProgress(
      startJob(aJob(), NOW),
      { percentage: 50, stage: 'analyze-chunk', chunksDone: 2, chunksTotal: 4 },
      NOW,
    );
    const retried = retryJob(failJob(running, ERR, NOW), NOW);
    expect(retried).toMatchObject({
      status: 'queued',
      attempts: 2,
      error: null,
      startedAt: null,
      finishedAt: null,
    });
    expect(retried.progress.percentage).toBe(0);
  });
});

describe('progress', () => {
  const running = startJob(aJob(), NOW);

  it('moves forward', () => {
    const next = advanceProgress(
      running,
      { percentage: 42.4, stage: 'analyze-chunk', chunksDone: 2, chunksTotal: 5 },
      NOW,
    );
    expect(next.progress).toEqual({
      percentage: 42,
      stage: 'analyze-chunk',
      chunksDone: 2,
      chunksTotal: 5,
    });
    expect(next.version).toBe(running.version + 1);
  });

  it('never goes down within an attempt', () => {
    const at60 = advanceProgress(
      running,
      { percentage: 60, stage: 'analyze-chunk', chunksDone: 3, chunksTotal: 5 },
      NOW,
    );
    const stale = advanceProgress(
      at60,
      { percentage: 30, stage: 'prepare', chunksDone: 1, chunksTotal: 5 },
      NOW,
    );
    expect(stale).toBe(at60);
    expect(stale.progress).toEqual(at60.progress);
  });

  it('is refused unless the job is running', () => {
    expect(() =>
      advanceProgress(
        aJob(),
        { percentage: 10, stage: 'prepare', chunksDone: 0, chunksTotal: 1 },
        NOW,
      ),
    ).toThrow(IllegalTransitionError);
  });
});
