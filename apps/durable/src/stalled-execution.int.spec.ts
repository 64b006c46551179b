import { afterEach, describe, expect, it } from 'vitest';
import type { GenerateInput, StoryboardGenerator } from '@storyboard/domain';
import { TOKENS } from '@storyboard/runtime';
import { startLocalApp } from '@storyboard/local-stack';
import type { LocalApp } from '@storyboard/local-stack';
import { sampleBytes, submitAndRequest, waitForJob } from '@storyboard/local-stack/testing';

// Short leases and a short queued threshold so a stall is seen quickly; sweeps are run by hand.
const ENV = {
  CHUNK_MAX_CHARS: '1000',
  LOG_LEVEL: 'SILENT',
  DURABLE_MAX_CONCURRENCY: '1',
  LEASE_MS: '600',
  QUEUED_STALL_MS: '600',
  MAX_STALLS: '3',
};
const HOLD_AT = 3;

/** Wraps the real generator: the first call for chunk HOLD_AT waits until released. */
class GatedGenerator implements StoryboardGenerator {
  readonly calls: number[] = [];
  private release!: () => void;
  private readonly gate = new Promise<void>((r) => (this.release = r));
  reached!: () => void;
  readonly atGate = new Promise<void>((r) => (this.reached = r));

  constructor(private readonly inner: StoryboardGenerator) {}

  get name(): string {
    return this.inner.name;
  }

  async generate(input: GenerateInput, signal?: AbortSignal) {
    const first = !this.calls.includes(input.chunk.index);
    this.calls.push(input.chunk.index);
    if (input.chunk.index === HOLD_AT && first) {
      this.reached();
      await this.gate;
    }
    return this.inner.generate(input, signal);
  }

  open(): void {
    this.release();
  }

  callsFor(chunkIndex: number): number {
    return this.calls.filter((i) => i === chunkIndex).length;
  }
}

let app: LocalApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start() {
  let generator: GatedGenerator | undefined;
  app = await startLocalApp({
    backend: 'durable',
    useStack: true,
    env: ENV,
    sweeper: false,
    overrides: (container) => {
      generator = new GatedGenerator(container.get(TOKENS.StoryboardGenerator));
      container.rebind(TOKENS.StoryboardGenerator).toConstantValue(generator);
    },
  });
  if (!generator || !app.stack || !app.sweep) throw new Error('the app did not start as asked');
  return { app, generator, stack: app.stack, sweep: app.sweep };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('durable: the sweeper and a stalled execution', () => {
  it('a live execution holds the lease through a long step: sweeps leave it alone', async () => {
    const { app, generator, sweep } = await start();
    const job = await submitAndRequest(app, await sampleBytes());
    await generator.atGate;
    // The chunk takes several leases' time; the step renews the lease on a timer.
    for (let i = 0; i < 4; i++) {
      await pause(400);
      expect(await sweep()).toEqual({ redispatched: [], failed: [], dispatchErrors: [] });
    }
    const held = await app.container.get(TOKENS.JobRepository).get(job.id);
    expect(held?.leaseUntil).toEqual(expect.any(String));
    generator.open();
    expect(await waitForJob(app, job.id)).toMatchObject({ status: 'completed' });
    expect(held?.stalls ?? 0).toBe(0);
  }, 120_000);

  it('an execution that ended with the job still running is resumed in a new execution, from the saved chunks', async () => {
    const { app, generator, stack, sweep } = await start();
    const job = await submitAndRequest(app, await sampleBytes());
    await generator.atGate;
    // The execution dies (stopped, as the service would end it) while chunk HOLD_AT runs: its
    // invocation cannot checkpoint any more, and the job is left `running`.
    const [execution] = stack.durable.store.list();
    if (!execution) throw new Error('no execution');
    stack.durable.invoker.stop(execution.arn);
    generator.open();
    await stack.durable.idle();
    const jobs = app.container.get(TOKENS.JobRepository);
    expect((await jobs.get(job.id))?.status).toBe('running');

    // Once the lease has run out, a sweep re-dispatches it; before this fix the same
    // execution name returned the stopped execution and nothing ran again.
    let report = await sweep();
    while (report.redispatched.length === 0) {
      await pause(200);
      report = await sweep();
    }
    expect(report).toEqual({ redispatched: [job.id], failed: [], dispatchErrors: [] });
    const done = await waitForJob(app, job.id);
    expect(done).toMatchObject({ status: 'completed', stalls: 1 });
    // The job completes in the execution's last step; the execution ends just after.
    await stack.durable.idle();
    const names = stack.durable.store.list().map((r) => [r.name, r.status]);
    expect(names).toEqual(
      expect.arrayContaining([
        [`${job.id}-1`, 'STOPPED'],
        [`${job.id}-1-r1`, 'SUCCEEDED'],
      ]),
    );
    // Chunks saved before the stop were not generated again.
    for (let i = 0; i < HOLD_AT; i++) expect(generator.callsFor(i)).toBe(1);
    expect(done.progress.chunksDone).toBe(done.progress.chunksTotal);
  }, 120_000);
});
