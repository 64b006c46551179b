import {
  GetDurableExecutionCommand,
  InvokeCommand,
  ListDurableExecutionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Storyboard } from '@storyboard/domain';
import { GeneratorOutputError, GeneratorUnavailableError } from '@storyboard/domain';
import { TOKENS } from '@storyboard/runtime';
import { DurableJobDispatcher, durableExecutionName } from '@storyboard/aws/lambda';
import type { LocalApp, LocalStack } from '@storyboard/local-stack';
import {
  E2E_USER,
  content,
  referenceStoryboard,
  sampleBytes,
  startFaultyApp,
  storyboardOf,
  submitAndRequest,
  waitForJob,
} from '@storyboard/local-stack/testing';

const ENV = { CHUNK_MAX_CHARS: '1000', LOG_LEVEL: 'SILENT', DURABLE_MAX_CONCURRENCY: '3' };
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

async function durableApp(retryDelayScale = 0.01) {
  const { app, generator } = await startFaultyApp({
    backend: 'durable',
    env: ENV,
    durableRetryDelayScale: retryDelayScale,
  });
  apps.push(app);
  if (!app.stack) throw new Error('no local stack');
  return { app, generator, stack: app.stack };
}

async function executionsOf(stack: LocalStack, jobId: string, attempt = 1) {
  const out = await stack.clients.lambda.send(
    new ListDurableExecutionsByFunctionCommand({
      FunctionName: stack.resources.durableFunctionArn,
      DurableExecutionName: durableExecutionName(jobId, attempt),
    }),
  );
  return out.DurableExecutions ?? [];
}

async function executionStatus(stack: LocalStack, jobId: string): Promise<string | undefined> {
  await stack.durable.idle();
  const [execution] = await executionsOf(stack, jobId);
  const out = await stack.clients.lambda.send(
    new GetDurableExecutionCommand({ DurableExecutionArn: execution?.DurableExecutionArn }),
  );
  return out.Status;
}

describe('durable backend end to end (local durable-functions service)', () => {
  it('completes a job with the same storyboard as the in-memory sync run', async () => {
    const { app, stack } = await durableApp();
    const job = await waitForJob(app, (await submitAndRequest(app, bytes)).id);
    expect(job).toMatchObject({ status: 'completed', backend: 'durable' });
    expect(job.progress).toMatchObject({ percentage: 100, chunksDone: job.progress.chunksTotal });
    expect(content(await storyboardOf(app, job.id))).toEqual(content(reference));
    expect(await executionStatus(stack, job.id)).toBe('SUCCEEDED');
  });

  it('retries a chunk that fails once with a retryable error, and the job completes', async () => {
    const { app, generator } = await durableApp();
    generator.failOn(2, 1, () => new GeneratorUnavailableError('model throttled'));
    const job = await waitForJob(app, (await submitAndRequest(app, bytes)).id);
    expect(job.status).toBe('completed');
    expect(generator.callsFor(2)).toBe(2);
    expect(generator.callsFor(0)).toBe(1);
    expect(content(await storyboardOf(app, job.id))).toEqual(content(reference));
  });

  it('fails the job with the code of a permanent error, without retrying it', async () => {
    const { app, generator, stack } = await durableApp();
    generator.failOn(1, 5, () => new GeneratorOutputError('not a storyboard'));
    const job = await waitForJob(app, (await submitAndRequest(app, bytes)).id);
    expect(job).toMatchObject({
      status: 'failed',
      error: { code: 'GENERATOR.INVALID_OUTPUT', retryable: false },
    });
    expect(generator.callsFor(1)).toBe(1);
    expect(await executionStatus(stack, job.id)).toBe('FAILED');
  });

  it('submitting the same job attempt twice starts one execution', async () => {
    const { app, generator, stack } = await durableApp();
    const queued = await submitAndRequest(app, bytes);
    const dispatcher = app.container.get(TOKENS.JobDispatcher);
    await Promise.all([
      dispatcher.dispatch({ jobId: queued.id, attempt: 1 }),
      dispatcher.dispatch({ jobId: queued.id, attempt: 1 }),
    ]);
    // the service's own answer to a second start under the name with another payload
    await expect(
      stack.clients.lambda.send(
        new InvokeCommand({
          FunctionName: stack.resources.durableFunctionArn,
          InvocationType: 'Event',
          DurableExecutionName: durableExecutionName(queued.id, 1),
          Payload: new TextEncoder().encode(JSON.stringify({ jobId: queued.id, other: true })),
        }),
      ),
    ).rejects.toMatchObject({ name: 'DurableExecutionAlreadyStartedException' });
    const job = await waitForJob(app, queued.id);
    expect(job.status).toBe('completed');
    expect(await executionsOf(stack, queued.id)).toHaveLength(1);
    for (let i = 0; i < job.progress.chunksTotal; i++) expect(generator.callsFor(i)).toBe(1);
  });

  it('cancel stops the running execution: its waiting retry never runs', async () => {
    // real retry delays (2 s): the execution is RUNNING, waiting to retry chunk 0
    const { app, generator, stack } = await durableApp(1);
    generator.failOn(0, 1);
    const queued = await submitAndRequest(app, bytes);
    while (generator.callsFor(0) < 1) await new Promise((r) => setTimeout(r, 20));
    // CancelJob stops the attempt's execution through the dispatcher
    await app.container.get(TOKENS.CancelJob).execute({ ownerId: E2E_USER, jobId: queued.id });
    // the invocation ends when its retry timer finds the execution stopped
    expect(await executionStatus(stack, queued.id)).toBe('STOPPED');
    expect(generator.callsFor(0)).toBe(1);
    expect(await waitForJob(app, queued.id)).toMatchObject({ status: 'cancelled' });
    const dispatcher = app.container.get(TOKENS.JobDispatcher);
    if (!(dispatcher instanceof DurableJobDispatcher)) throw new Error('not durable');
    expect(await dispatcher.stop({ jobId: queued.id, attempt: 1 }, 'again')).toBe(false);
  });

  it('refuses an unqualified function ARN (durable executions start on a version or alias)', () => {
    expect(
      () =>
        new DurableJobDispatcher({
          client: {} as never,
          functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:storyboard-durable',
        }),
    ).toThrow(/qualified/);
  });
});
