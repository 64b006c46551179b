import { describe, expect, it } from 'vitest';
import { InMemoryJobRepository } from '../../memory/in-memory-job-repository';
import { FakeClock } from '../../testing/fake-clock';
import { aJob } from '../../testing/builders';
import { RecordingJobDispatcher } from '../../testing/harness';
import { JobLeases } from '../../job/job-leases';
import type { JobDispatcher } from '../../ports/job-dispatcher.port';
import { DispatchFailedError } from '../../errors';
import { SweepStalledJobs } from './sweep-stalled-jobs';

const T0 = '2026-03-01T00:00:00.000Z';
const policy = { leaseMs: 60_000, queuedStallMs: 300_000, maxStalls: 2, batchSize: 10 };
/** A re-dispatched attempt's grace: it waits for a worker like a queued job. */
const GRACE = policy.queuedStallMs + 1_000;

function setup(dispatcher: JobDispatcher = new RecordingJobDispatcher()) {
  const jobs = new InMemoryJobRepository();
  const clock = new FakeClock(T0, 0);
  const leases = new JobLeases(jobs, clock, { leaseMs: policy.leaseMs, owner: 'worker-1' });
  const sweeper = new SweepStalledJobs({ jobs, dispatcher, clock, policy });
  return { jobs, clock, leases, sweeper, dispatcher };
}

describe('JobLeases', () => {
  it('starts a queued job and holds its lease for the lease time', async () => {
    const { jobs, leases } = setup();
    const job = aJob({ createdAt: T0, updatedAt: T0 });
    await jobs.create(job);
    const taken = await leases.take(job.id);
    expect(taken).toMatchObject({
      status: 'running',
      leaseOwner: 'worker-1',
      leaseUntil: '2026-03-01T00:01:00.000Z',
    });
  });

  it('renews on touch once a third of the lease has passed, not before', async () => {
    const { jobs, leases, clock } = setup();
    const job = aJob({ createdAt: T0, updatedAt: T0 });
    await jobs.create(job);
    await leases.hold(job.id, async (lease) => {
      clock.advance(10_000);
      await lease.touch();
      expect((await jobs.get(job.id))?.leaseUntil).toBe('2026-03-01T00:01:00.000Z');
      clock.advance(15_000);
      await lease.touch();
      expect((await jobs.get(job.id))?.leaseUntil).toBe('2026-03-01T00:01:25.000Z');
    });
  });

  it('take leaves a lease with two thirds of its time left as it is, and renews an older one', async () => {
    const { jobs, leases, clock } = setup();
    const job = aJob({ createdAt: T0, updatedAt: T0 });
    await jobs.create(job);
    const first = await leases.take(job.id);
    clock.advance(19_000);
    // arrange: another runner of the attempt (a Map iteration) takes it 19 s later
    const other = new JobLeases(jobs, clock, { leaseMs: policy.leaseMs, owner: 'worker-2' });
    expect(await other.take(job.id)).toEqual(first);
    expect((await jobs.get(job.id))?.version).toBe(first.version);
    clock.advance(2_000);
    expect(await other.take(job.id)).toMatchObject({
      leaseOwner: 'worker-2',
      leaseUntil: '2026-03-01T00:01:21.000Z',
      version: first.version + 1,
    });
  });

  it('refuses to lease a job that has ended', async () => {
    const { jobs, leases } = setup();
    const job = aJob({ status: 'cancelled' });
    await jobs.create(job);
    await expect(leases.take(job.id)).rejects.toMatchObject({ code: 'JOB.ENDED' });
  });
});

describe('SweepStalledJobs', () => {
  it('re-dispatches a running job whose lease ran out, once, and leaves live ones alone', async () => {
    const { jobs, leases, clock, sweeper, dispatcher } = setup();
    const dead = aJob({ createdAt: T0, updatedAt: T0 });
    const alive = aJob({ createdAt: T0, updatedAt: T0 });
    await jobs.create(dead);
    await jobs.create(alive);
    await leases.take(dead.id);
    clock.advance(61_000);
    await leases.take(alive.id);
    const report = await sweeper.execute();
    expect(report).toEqual({ redispatched: [dead.id], failed: [], dispatchErrors: [] });
    expect((dispatcher as RecordingJobDispatcher).dispatched).toEqual([
      { jobId: dead.id, attempt: 1, backend: dead.backend, redispatch: 1 },
    ]);
    expect(await jobs.get(dead.id)).toMatchObject({
      status: 'running',
      stalls: 1,
      leaseOwner: 'sweeper',
    });
    // The claim gave it a grace lease: a second sweep right away does nothing.
    expect((await sweeper.execute()).redispatched).toEqual([]);
  });

  it('gives a re-dispatched attempt the queued threshold to be picked up, not just a lease', async () => {
    const { jobs, leases, clock, sweeper } = setup();
    const job = aJob({ createdAt: T0, updatedAt: T0 });
    await jobs.create(job);
    await leases.take(job.id);
    clock.advance(61_000);
    expect((await sweeper.execute()).redispatched).toEqual([job.id]);
    // Its message waits behind a backlog for longer than a lease: not stalled yet…
    clock.advance(policy.queuedStallMs - 1_000);
    expect(await sweeper.execute()).toEqual({ redispatched: [], failed: [], dispatchErrors: [] });
    // …but past the queued threshold it is.
    clock.advance(2_000);
    expect((await sweeper.execute()).redispatched).toEqual([job.id]);
  });

  it('re-dispatches a job left queued past the threshold', async () => {
    const { jobs, clock, sweeper } = setup();
    const job = aJob({ createdAt: T0, updatedAt: T0 });
    await jobs.create(job);
    clock.advance(299_000);
    expect((await sweeper.execute()).redispatched).toEqual([]);
    clock.advance(2_000);
    expect((await sweeper.execute()).redispatched).toEqual([job.id]);
  });

  it('fails the job JOB.STALLED after maxStalls re-dispatches, saying what happened', async () => {
    const { jobs, leases, clock, sweeper } = setup();
    const job = aJob({ createdAt: T0, updatedAt: T0 });
    await jobs.create(job);
    await leases.take(job.id);
    for (let i = 0; i < policy.maxStalls; i++) {
      clock.advance(GRACE);
      expect((await sweeper.execute()).redispatched).toEqual([job.id]);
    }
    clock.advance(GRACE);
    expect((await sweeper.execute()).failed).toEqual([job.id]);
    const failed = await jobs.get(job.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'JOB.STALLED' } });
    expect(failed?.error?.message).toMatch(
      /stopped renewing its lease.*re-dispatched 2 time\(s\) in a row without progress/,
    );
    expect(failed?.leaseUntil).toBeUndefined();
  });

  it('keeps resuming a job that progressed since its last re-dispatch; MAX_STALLS counts stalls in a row', async () => {
    const { jobs, leases, clock, sweeper, dispatcher } = setup();
    const job = aJob({ createdAt: T0, updatedAt: T0 });
    await jobs.create(job);
    await leases.take(job.id);
    const progressTo = async (chunksDone: number) => {
      const j = await jobs.get(job.id);
      if (!j) throw new Error('gone');
      await jobs.update(
        {
          ...j,
          progress: { ...j.progress, stage: 'analyze-chunk', chunksDone, chunksTotal: 50 },
          version: j.version + 1,
        },
        j.version,
      );
    };
    // Each worker dies after saving one more chunk: far more stalls than maxStalls (2), all
    // re-dispatched, each under its own number.
    for (let chunk = 1; chunk <= 5; chunk++) {
      await progressTo(chunk);
      clock.advance(GRACE);
      expect((await sweeper.execute()).redispatched).toEqual([job.id]);
    }
    expect(await jobs.get(job.id)).toMatchObject({ status: 'running', stalls: 5, stallsInARow: 1 });
    expect((dispatcher as RecordingJobDispatcher).dispatched.map((d) => d.redispatch)).toEqual([
      1, 2, 3, 4, 5,
    ]);
    // Then it stops moving: two more re-dispatches, and the third stall in a row fails it.
    for (let i = 0; i < policy.maxStalls - 1; i++) {
      clock.advance(GRACE);
      expect((await sweeper.execute()).redispatched).toEqual([job.id]);
    }
    clock.advance(GRACE);
    expect((await sweeper.execute()).failed).toEqual([job.id]);
    expect(await jobs.get(job.id)).toMatchObject({
      status: 'failed',
      error: { code: 'JOB.STALLED' },
    });
  });

  it('two sweepers at once dispatch each stalled job exactly once', async () => {
    const { jobs, leases, clock, dispatcher } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const job = aJob({ createdAt: T0, updatedAt: T0 });
      await jobs.create(job);
      await leases.take(job.id);
      ids.push(job.id);
    }
    clock.advance(61_000);
    const a = new SweepStalledJobs({
      jobs,
      dispatcher,
      clock,
      policy: { ...policy, batchSize: 7 },
    });
    const b = new SweepStalledJobs({
      jobs,
      dispatcher,
      clock,
      policy: { ...policy, batchSize: 5 },
    });
    const [ra, rb] = await Promise.all([a.execute(), b.execute()]);
    expect([...ra.redispatched, ...rb.redispatched].sort()).toEqual([...ids].sort());
    const dispatched = (dispatcher as RecordingJobDispatcher).dispatched.map((d) => d.jobId);
    expect(dispatched.sort()).toEqual([...ids].sort());
  });

  it('reports a refused re-dispatch and sweeps the job again later', async () => {
    const refusing: JobDispatcher = {
      backend: 'sqs',
      dispatch: async () => {
        throw new DispatchFailedError('queue down');
      },
    };
    const { jobs, leases, clock, sweeper } = setup(refusing);
    const job = aJob({ createdAt: T0, updatedAt: T0 });
    await jobs.create(job);
    await leases.take(job.id);
    clock.advance(GRACE);
    const report = await sweeper.execute();
    expect(report.dispatchErrors).toEqual([
      { jobId: job.id, code: 'JOB.DISPATCH_FAILED', message: 'queue down' },
    ]);
    clock.advance(GRACE);
    expect((await sweeper.execute()).dispatchErrors).toHaveLength(1);
  });

  it('with everything: true takes every unfinished job for abandoned, each once', async () => {
    const { jobs, leases, sweeper } = setup();
    const running = aJob({ createdAt: T0, updatedAt: T0 });
    const queued = aJob({ createdAt: T0, updatedAt: T0 });
    await jobs.create(running);
    await jobs.create(queued);
    await leases.take(running.id);
    const report = await sweeper.execute({ everything: true });
    expect(report.redispatched.sort()).toEqual([running.id, queued.id].sort());
  });
});
