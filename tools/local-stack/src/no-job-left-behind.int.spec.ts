import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  AnalysisJob,
  JobDispatcher,
  JobRepository,
  StoryboardGenerator,
} from '@storyboard/domain';
import {
  GeneratorUnavailableError,
  StorageUnavailableError,
  SweepStalledJobs,
  createJob,
  takeLease,
} from '@storyboard/domain';
import { TOKENS } from '@storyboard/runtime';
import type { LocalApp, LocalAppOptions } from './local-app';
import type { DynamoDbThrottle } from './testing';
import { startLocalApp } from './local-app';
import {
  E2E_USER,
  sampleBytes,
  submitAndRequest,
  throttleDynamoDb,
  until,
  waitForJob,
} from './testing';

/** Short leases and a fast sweeper so stalls are found in a second, not minutes. */
const ENV = {
  CHUNK_MAX_CHARS: '1000',
  LOG_LEVEL: 'SILENT',
  LEASE_MS: '1000',
  SWEEP_INTERVAL_MS: '200',
  QUEUED_STALL_MS: '3000',
  MAX_STALLS: '20',
};
let bytes: Uint8Array;
const apps: LocalApp[] = [];

beforeAll(async () => {
  bytes = await sampleBytes();
});

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function start(options: Partial<LocalAppOptions> & Pick<LocalAppOptions, 'backend'>) {
  const app = await startLocalApp({
    queue: { visibilityTimeoutSeconds: 1, maxReceiveCount: 3 },
    drainMs: 2_000,
    ...options,
    env: { ...ENV, ...options.env },
  });
  apps.push(app);
  return app;
}

/** Wraps the app's generator: `onChunk(i)` runs before chunk i is generated. */
function hookGenerator(onChunk: (index: number) => void) {
  return (container: LocalApp['container']) => {
    const inner = container.get(TOKENS.StoryboardGenerator);
    const hooked: StoryboardGenerator = {
      name: inner.name,
      generate: (input, signal) => {
        onChunk(input.chunk.index);
        return inner.generate(input, signal);
      },
    };
    container.rebind(TOKENS.StoryboardGenerator).toConstantValue(hooked);
  };
}

const terminalWithCode = (job: AnalysisJob) =>
  job.status === 'completed' || (job.status === 'failed' && Boolean(job.error?.code));

describe('no job left behind', () => {
  it('two sweepers at once over 50 stalled jobs re-dispatch each exactly once, and all complete', async () => {
    const app = await start({
      backend: 'sqs',
      sweeper: false,
      workerConcurrency: 4,
      env: { LEASE_MS: '60000' },
    });
    const jobs = app.container.get(TOKENS.JobRepository);
    const novel = await app.container
      .get(TOKENS.SubmitNovel)
      .execute({ ownerId: E2E_USER, title: 'Short', bytes: bytes.slice(0, 1500) });
    const past = '2020-01-01T00:00:00.000Z';
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const job = createJob({
        id: `stalled-${Date.now().toString(36)}-${i}`,
        novelId: novel.id,
        ownerId: E2E_USER,
        backend: 'sqs',
        generator: 'heuristic',
        now: past,
      });
      // Half died running (lease long gone), half were never picked up.
      await jobs.create(i % 2 ? takeLease(job, { owner: 'dead-worker', until: past }, past) : job);
      ids.push(job.id);
    }
    const real = app.container.get(TOKENS.JobDispatcher);
    const log: string[] = [];
    const logged: JobDispatcher = {
      backend: real.backend,
      dispatch: async (job) => {
        log.push(job.jobId);
        await real.dispatch(job);
      },
    };
    const sweeper = (batchSize: number) =>
      new SweepStalledJobs({
        jobs,
        dispatcher: logged,
        clock: app.container.get(TOKENS.Clock),
        policy: { leaseMs: 60_000, queuedStallMs: 60_000, maxStalls: 3, batchSize },
      });
    const [a, b] = await Promise.all([sweeper(8).execute(), sweeper(13).execute()]);
    expect(log).toHaveLength(50);
    expect(new Set(log)).toEqual(new Set(ids));
    expect(a.redispatched.length + b.redispatched.length).toBe(50);
    for (const id of ids) {
      expect((await waitForJob(app, id, 120_000)).status).toBe('completed');
    }
  }, 180_000);

  it('the DLQ handler fails a job whose worker could not record its own failure', async () => {
    let failWritesToRefuse = 2;
    const app = await start({
      backend: 'sqs',
      deadLetterHandler: true,
      env: { LEASE_MS: '60000' },
      overrides: (container) => {
        hookGenerator((i) => {
          if (i === 0) throw new GeneratorUnavailableError('model throttled');
        })(container);
        const real = container.get(TOKENS.JobRepository);
        const flaky: JobRepository = {
          create: (job) => real.create(job),
          get: (id) => real.get(id),
          listByNovel: (id) => real.listByNovel(id),
          listStalled: (q) => real.listStalled(q),
          update: async (next, expected) => {
            if (next.status === 'failed' && failWritesToRefuse-- > 0) {
              throw new StorageUnavailableError('DynamoDB is unavailable (injected)');
            }
            await real.update(next, expected);
          },
        };
        container.rebind(TOKENS.JobRepository).toConstantValue(flaky);
      },
    });
    const job = await waitForJob(app, (await submitAndRequest(app, bytes)).id, 60_000);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'JOB.DEAD_LETTERED' } });
    expect(job.error?.message).toMatch(/dead-letter queue/);
    // The handler's first try met the storage outage too; SQS gave the record back.
    expect(app.dlqEventSource?.stats.retried).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('sqs: DynamoDB throttled past every retry mid-job, the job still ends with a status and a code', async () => {
    const faults: { throttle?: DynamoDbThrottle } = {};
    const app = await start({
      backend: 'sqs',
      deadLetterHandler: true,
      overrides: hookGenerator((i) => {
        if (i === 2 && faults.throttle?.rejected === 0) faults.throttle.on();
      }),
    });
    const stack = app.stack;
    if (!stack) throw new Error('no stack');
    const throttle = (faults.throttle = throttleDynamoDb(stack.clients.dynamodb));
    const { id } = await submitAndRequest(app, bytes);
    // Throttled until the message has gone through every receive to the DLQ and the DLQ
    // handler has met the outage too: longer than any retry in the path.
    await until(() => (app.dlqEventSource?.stats.received ?? 0) >= 1, 'the dead letter');
    throttle.off();
    const job = await waitForJob(app, id, 60_000);
    expect(terminalWithCode(job)).toBe(true);
    expect(throttle.rejected).toBeGreaterThan(3);
  }, 120_000);

  it('stepfunctions: DynamoDB throttled past every retry mid-job, the job still ends with a status and a code', async () => {
    const faults: { throttle?: DynamoDbThrottle } = {};
    const app = await start({
      backend: 'stepfunctions',
      retryIntervalMs: 50,
      overrides: hookGenerator((i) => {
        if (i === 2 && faults.throttle?.rejected === 0) faults.throttle.on();
      }),
    });
    const stack = app.stack;
    if (!stack) throw new Error('no stack');
    const throttle = (faults.throttle = throttleDynamoDb(stack.clients.dynamodb));
    const { id } = await submitAndRequest(app, bytes);
    await until(() => throttle.rejected > 0, 'the throttling to start');
    // Throttled until the execution has given up (its retries and its fail task all failed).
    await stack.stepFunctions.idle();
    throttle.off();
    const job = await waitForJob(app, id, 60_000);
    expect(terminalWithCode(job)).toBe(true);
  }, 120_000);
});
