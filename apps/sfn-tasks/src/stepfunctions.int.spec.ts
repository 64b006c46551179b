import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Storyboard } from '@storyboard/domain';
import { GeneratorOutputError, GeneratorUnavailableError } from '@storyboard/domain';
import { TOKENS } from '@storyboard/runtime';
import { executionName } from '@storyboard/aws/stepfunctions';
import type { LocalApp } from '@storyboard/local-stack';
import {
  content,
  referenceStoryboard,
  sampleBytes,
  startFaultyApp,
  storyboardOf,
  submitAndRequest,
  waitForJob,
} from '@storyboard/local-stack/testing';

const ENV = {
  CHUNK_MAX_CHARS: '1000',
  LOG_LEVEL: 'SILENT',
  SFN_MAX_CONCURRENCY: '3',
};
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

async function sfnApp() {
  const { app, generator } = await startFaultyApp({
    backend: 'stepfunctions',
    env: ENV,
    retryIntervalMs: 10,
  });
  apps.push(app);
  if (!app.stack) throw new Error('no local stack');
  return { app, generator, stack: app.stack };
}

describe('stepfunctions backend end to end', () => {
  it('completes a job with the same storyboard as the in-memory sync run', async () => {
    const { app } = await sfnApp();
    const queued = await submitAndRequest(app, bytes);
    const job = await waitForJob(app, queued.id);
    expect(job).toMatchObject({ status: 'completed', backend: 'stepfunctions' });
    expect(job.progress).toMatchObject({ percentage: 100, chunksDone: job.progress.chunksTotal });
    expect(content(await storyboardOf(app, job.id))).toEqual(content(reference));
  });

  it('retries a task that fails once with a retryable error and resumes from saved chunks', async () => {
    const { app, generator } = await sfnApp();
    generator.failOn(2, 1, () => new GeneratorUnavailableError('model throttled'));
    const job = await waitForJob(app, (await submitAndRequest(app, bytes)).id);
    expect(job.status).toBe('completed');
    expect(generator.callsFor(2)).toBe(2);
    expect(generator.callsFor(0)).toBe(1);
    expect(content(await storyboardOf(app, job.id))).toEqual(content(reference));
  });

  it('catches a permanent error, marks the job failed with its code, and does not retry', async () => {
    const { app, generator, stack } = await sfnApp();
    generator.failOn(1, 5, () => new GeneratorOutputError('not a storyboard'));
    const queued = await submitAndRequest(app, bytes);
    const job = await waitForJob(app, queued.id);
    expect(job).toMatchObject({
      status: 'failed',
      error: { code: 'GENERATOR.INVALID_OUTPUT', retryable: false },
    });
    expect(generator.callsFor(1)).toBe(1);
    await stack.stepFunctions.idle();
    const arn = `${stack.resources.stateMachineArn?.replace(':stateMachine:', ':execution:')}:${executionName(queued.id, 1)}`;
    const execution = await stack.clients.sfn.send(
      new DescribeExecutionCommand({ executionArn: arn }),
    );
    expect(execution.status).toBe('FAILED');
  });

  it('submitting the same job twice starts one execution', async () => {
    const { app, generator, stack } = await sfnApp();
    const queued = await submitAndRequest(app, bytes);
    const dispatcher = app.container.get(TOKENS.JobDispatcher);
    await Promise.all([
      dispatcher.dispatch({ jobId: queued.id, attempt: 1 }),
      dispatcher.dispatch({ jobId: queued.id, attempt: 1 }),
    ]);
    await expect(
      stack.clients.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: stack.resources.stateMachineArn,
          name: executionName(queued.id, 1),
          input: JSON.stringify({ jobId: queued.id, other: true }),
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    const job = await waitForJob(app, queued.id);
    expect(job.status).toBe('completed');
    const chunks = job.progress.chunksTotal;
    for (let i = 0; i < chunks; i++) expect(generator.callsFor(i)).toBe(1);
  });
});
