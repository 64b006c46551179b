import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Storyboard } from '@storyboard/domain';
import { GeneratorOutputError, GeneratorUnavailableError } from '@storyboard/domain';
import { TOKENS } from '@storyboard/runtime';
import type { LocalApp, LocalAppOptions } from '@storyboard/local-stack';
import {
  content,
  dlqArrivals,
  referenceStoryboard,
  sampleBytes,
  startFaultyApp,
  storyboardOf,
  submitAndRequest,
  waitForJob,
} from '@storyboard/local-stack/testing';

const ENV = { CHUNK_MAX_CHARS: '1000', LOG_LEVEL: 'SILENT' };
let bytes: Uint8Array;
let reference: Storyboard;
const apps: LocalApp[] = [];

beforeAll(async () => {
  bytes = await sampleBytes();
  reference = await referenceStoryboard(bytes, ENV);
});

afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** The sqs backend on the local stack, through the same worker handler factory the Lambda
 * uses, with a fault-injecting wrapper around the real generator. */
async function sqsApp(options: Partial<LocalAppOptions> = {}) {
  const faulty = await startFaultyApp({
    backend: 'sqs',
    env: ENV,
    queue: { visibilityTimeoutSeconds: 1, maxReceiveCount: 3 },
    ...options,
  });
  apps.push(faulty.app);
  return faulty;
}

describe('sqs backend end to end', () => {
  it('completes a job with the same storyboard as the in-memory sync run', async () => {
    const { app } = await sqsApp();
    const queued = await submitAndRequest(app, bytes);
    expect(queued.status).toBe('queued');
    const job = await waitForJob(app, queued.id);
    expect(job).toMatchObject({ status: 'completed', backend: 'sqs', attempts: 1 });
    expect(content(await storyboardOf(app, job.id))).toEqual(content(reference));
  });

  it('resumes at chunk k+1 after the worker crashes there on the first delivery', async () => {
    const { app, generator } = await sqsApp();
    const k = 2;
    generator.failOn(k + 1, 1, () => new Error('worker process crashed'));
    const job = await waitForJob(app, (await submitAndRequest(app, bytes)).id);
    expect(job.status).toBe('completed');
    for (let i = 0; i <= k; i++) expect(generator.callsFor(i)).toBe(1);
    expect(generator.callsFor(k + 1)).toBe(2);
    const storyboard = await storyboardOf(app, job.id);
    const sceneKeys = storyboard.chapters.flatMap((c) =>
      c.scenes.map((s) => `${c.index}:${s.span.start}`),
    );
    expect(new Set(sceneKeys).size).toBe(sceneKeys.length);
    expect(content(storyboard)).toEqual(content(reference));
  });

  it('marks a job failed on a permanent error without retrying it', async () => {
    const { app, generator } = await sqsApp();
    generator.failOn(1, 5, () => new GeneratorOutputError('the model returned prose, not JSON'));
    const job = await waitForJob(app, (await submitAndRequest(app, bytes)).id);
    expect(job).toMatchObject({
      status: 'failed',
      error: { code: 'GENERATOR.INVALID_OUTPUT', retryable: false },
    });
    await new Promise((r) => setTimeout(r, 1500)); // past one visibility timeout
    expect(generator.callsFor(1)).toBe(1);
    expect(app.eventSource?.stats.retried ?? 0).toBe(0);
  });

  it('sends a job failing transiently on every delivery to the DLQ after 3 receives, marked failed', async () => {
    const { app, generator } = await sqsApp();
    generator.failOn(0, 100, () => new GeneratorUnavailableError('model throttled'));
    const job = await waitForJob(app, (await submitAndRequest(app, bytes)).id, 30_000);
    expect(job).toMatchObject({
      status: 'failed',
      error: { code: 'GENERATOR.UNAVAILABLE', retryable: true },
    });
    expect(job.error?.message).toMatch(/gave up after 3 attempts/);
    expect(generator.callsFor(0)).toBe(3);
    const dead = await dlqArrivals(app);
    expect(dead).toBe(1);
  });

  it('one job message delivered twice at once yields one completed job and one storyboard', async () => {
    const { app } = await sqsApp({ workerConcurrency: 2 });
    const queued = await submitAndRequest(app, bytes);
    const stack = app.stack;
    if (!stack) throw new Error('no stack');
    await stack.clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: stack.resources.queueUrl,
        MessageBody: JSON.stringify({ jobId: queued.id, attempt: 1 }),
      }),
    );
    const job = await waitForJob(app, queued.id);
    expect(job.status).toBe('completed');
    await new Promise((r) => setTimeout(r, 500));
    expect((await app.container.get(TOKENS.JobRepository).get(queued.id))?.status).toBe(
      'completed',
    );
    expect(content(await storyboardOf(app, job.id))).toEqual(content(reference));
  });

  it('acknowledges a malformed message instead of retrying it forever', async () => {
    const { app } = await sqsApp();
    const stack = app.stack;
    if (!stack) throw new Error('no stack');
    await stack.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: stack.resources.queueUrl, MessageBody: '{"job":' }),
    );
    await stack.clients.sqs.send(
      new SendMessageCommand({ QueueUrl: stack.resources.queueUrl, MessageBody: '{"jobId":""}' }),
    );
    const job = await waitForJob(app, (await submitAndRequest(app, bytes)).id);
    expect(job.status).toBe('completed');
    expect(app.eventSource?.stats.retried ?? 0).toBe(0);
  });

  it('continues a job in a new message when the Lambda time budget runs low', async () => {
    const { app } = await sqsApp({
      env: { ...ENV, WORKER_RESERVE_MS: '60000' },
      functionTimeoutMs: 30_000, // always below the reserve: one chunk per invocation
    });
    const job = await waitForJob(app, (await submitAndRequest(app, bytes)).id);
    expect(job.status).toBe('completed');
    expect(app.eventSource?.stats.batches ?? 0).toBeGreaterThan(job.progress.chunksTotal);
    expect(content(await storyboardOf(app, job.id))).toEqual(content(reference));
  });
});
