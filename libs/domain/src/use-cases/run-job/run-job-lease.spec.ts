import { describe, expect, it } from 'vitest';
import { createInMemoryHarness } from '../../testing/harness';
import { FaultInjectingGenerator, ParagraphStoryboardGenerator } from '../../testing/doubles';
import { JobLeases } from '../../job/job-leases';
import { SweepStalledJobs } from '../sweep-stalled-jobs/sweep-stalled-jobs';
import { RunJob } from './run-job';

const BOOK = [
  'Cast: Alice',
  '# One',
  'Alice ran.',
  '# Two',
  'Alice sat.',
  '# Three',
  'Alice slept.',
]
  .join('\n\n')
  .padEnd(300, ' ');

async function leasedRun(
  generator = new FaultInjectingGenerator(new ParagraphStoryboardGenerator()),
) {
  const h = createInMemoryHarness({ backend: 'manual', generator, maxChunkChars: 30 });
  const leases = new JobLeases(h.jobs, h.clock, { leaseMs: 60_000, owner: 'worker-a' });
  const runJob = new RunJob(h.steps, h.storyboards, h.jobs, undefined, { leases });
  const novel = await h.submitNovel.execute({
    ownerId: 'user-a',
    title: 'Alice',
    bytes: new TextEncoder().encode(BOOK),
  });
  const job = await h.requestAnalysis.execute({ ownerId: 'user-a', novelId: novel.id });
  return { h, runJob, job, generator };
}

describe('RunJob with leases', () => {
  it('holds the lease while it works and gives it up when the job completes', async () => {
    const seen: (string | null | undefined)[] = [];
    const { h, runJob, job } = await leasedRun();
    const inner = h.generator.generate.bind(h.generator);
    h.generator.generate = async (input, signal) => {
      seen.push((await h.jobs.get(job.id))?.leaseOwner);
      return inner(input, signal);
    };
    expect(await runJob.execute({ jobId: job.id })).toEqual({ kind: 'ended', status: 'completed' });
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen)).toEqual(new Set(['worker-a']));
    const done = await h.jobs.get(job.id);
    expect(done?.leaseOwner).toBeUndefined();
    expect(done?.leaseUntil).toBeUndefined();
  });

  it('a run that dies mid-job leaves a lease the sweeper finds once it runs out', async () => {
    const { h, runJob, job, generator } = await leasedRun();
    generator.failOn(1, 1, () => new Error('process killed'));
    await expect(runJob.execute({ jobId: job.id })).rejects.toThrow('process killed');
    const sweeper = new SweepStalledJobs({
      jobs: h.jobs,
      dispatcher: h.dispatcher,
      clock: h.clock,
      policy: { leaseMs: 60_000, queuedStallMs: 600_000, maxStalls: 1, batchSize: 10 },
    });
    expect((await sweeper.execute()).redispatched).toEqual([]);
    h.clock.advance(61_000);
    expect((await sweeper.execute()).redispatched).toEqual([job.id]);
    expect(await runJob.execute({ jobId: job.id })).toEqual({ kind: 'ended', status: 'completed' });
    expect(generator.callsFor(0)).toBe(1);
  });

  it('a step handed the job its lease took reads the job once (the lease read), not twice', async () => {
    const { h, job } = await leasedRun();
    const leases = new JobLeases(h.jobs, h.clock, { leaseMs: 60_000, owner: 'task-a' });
    const { chunkCount } = await leases.hold(job.id, (_lease, taken) =>
      h.steps.prepare(job.id, { job: taken }),
    );
    expect(chunkCount).toBeGreaterThan(1);
    let reads = 0;
    const get = h.jobs.get.bind(h.jobs);
    h.jobs.get = (id) => {
      reads++;
      return get(id);
    };
    await leases.hold(job.id, (_lease, taken) => h.steps.analyzeChunk(job.id, 0, taken));
    expect(reads).toBe(1);
    expect(await h.storyboards.getFragment(job.id, 0)).toBeDefined();
  });
});
