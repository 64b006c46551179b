import { describe, expect, it } from 'vitest';
import { lambdaContext, sqsEvent, sqsRecord } from '@storyboard/aws/testing';
import { RecordingJobDispatcher, createInMemoryHarness } from '@storyboard/domain/testing';
import type { Logger } from '../logger';
import { createSqsWorkerHandler } from './sqs-worker';

// The handler's branches offline, on the domain's in-memory adapters, with SQS records built
// as Lambda delivers them (the end-to-end paths run on the local stack in apps/worker).
const BOOK = ['Chapter 1', 'Alice ran. "Hi," said Bob.', 'Chapter 2', 'Bob sat.'].join('\n\n');

async function setUp() {
  const h = createInMemoryHarness({ backend: 'manual' });
  const novel = await h.submitNovel.execute({
    ownerId: 'user-a',
    title: 'Alice',
    bytes: new TextEncoder().encode(BOOK),
  });
  const logs: { level: string; message: string; extra?: Record<string, unknown> }[] = [];
  const log =
    (level: string) =>
    (message: string, extra?: Record<string, unknown>): void => {
      logs.push({ level, message, extra });
    };
  const logger = { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') };
  const continuations = new RecordingJobDispatcher();
  const handler = createSqsWorkerHandler({
    runJob: h.runJob,
    steps: h.steps,
    jobs: h.jobs,
    dispatcher: continuations,
    logger: logger as unknown as Logger,
    maxReceiveCount: 3,
    reserveMs: 1_000,
  });
  return { h, novel, logs, continuations, handler };
}

const message = (jobId: string, attempt: number) => JSON.stringify({ jobId, attempt });

describe('createSqsWorkerHandler', () => {
  it('acknowledges a message for a job that does not exist, running nothing', async () => {
    const { h, logs, handler } = await setUp();
    const record = sqsRecord({ body: message('no-such-job', 1) });

    const result = await handler(sqsEvent(record), lambdaContext());

    expect(result.batchItemFailures).toEqual([]);
    expect(await h.jobs.get('no-such-job')).toBeUndefined();
    expect(logs).toContainEqual({
      level: 'warn',
      message: 'job message for an unknown job; acknowledged',
      extra: { jobId: 'no-such-job' },
    });
  });

  it('acknowledges a message from an earlier attempt without touching the job', async () => {
    const { h, novel, logs, handler } = await setUp();
    const job = await h.requestAnalysis.execute({ ownerId: 'user-a', novelId: novel.id });
    await h.cancelJob.execute({ ownerId: 'user-a', jobId: job.id });
    await h.retryJob.execute({ ownerId: 'user-a', jobId: job.id });
    const before = await h.jobs.get(job.id);
    expect(before).toMatchObject({ attempts: 2, status: 'queued' });

    const result = await handler(
      sqsEvent(sqsRecord({ body: message(job.id, 1) })),
      lambdaContext(),
    );

    expect(result.batchItemFailures).toEqual([]);
    expect(await h.jobs.get(job.id)).toEqual(before);
    expect(await h.storyboards.getStoryboard(job.id)).toBeUndefined();
    expect(logs).toContainEqual({
      level: 'info',
      message: 'stale message from an earlier attempt; acknowledged',
      extra: { jobId: job.id, attempt: 1 },
    });
  });

  it('runs the current attempt’s message to the end', async () => {
    const { h, novel, handler } = await setUp();
    const job = await h.requestAnalysis.execute({ ownerId: 'user-a', novelId: novel.id });
    await h.cancelJob.execute({ ownerId: 'user-a', jobId: job.id });
    await h.retryJob.execute({ ownerId: 'user-a', jobId: job.id });

    const result = await handler(
      sqsEvent(sqsRecord({ body: message(job.id, 2) })),
      lambdaContext(),
    );

    expect(result.batchItemFailures).toEqual([]);
    expect(await h.jobs.get(job.id)).toMatchObject({ status: 'completed', attempts: 2 });
    expect(await h.storyboards.getStoryboard(job.id)).toBeDefined();
  });

  it('enqueues a continuation when the time budget is below the reserve', async () => {
    const { h, novel, continuations, handler } = await setUp();
    const job = await h.requestAnalysis.execute({ ownerId: 'user-a', novelId: novel.id });

    const result = await handler(
      sqsEvent(sqsRecord({ body: message(job.id, 1) })),
      lambdaContext(500),
    );

    expect(result.batchItemFailures).toEqual([]);
    expect(continuations.dispatched).toEqual([{ jobId: job.id, attempt: 1 }]);
    expect((await h.jobs.get(job.id))?.status).not.toBe('completed');
  });

  it('acknowledges a malformed record and still runs the good one of the same batch', async () => {
    const { h, novel, handler } = await setUp();
    const job = await h.requestAnalysis.execute({ ownerId: 'user-a', novelId: novel.id });
    const bad = sqsRecord({ body: 'not json' });
    const good = sqsRecord({ body: message(job.id, 1) });

    const result = await handler(sqsEvent(bad, good), lambdaContext());

    expect(result.batchItemFailures).toEqual([]);
    expect((await h.jobs.get(job.id))?.status).toBe('completed');
  });
});
