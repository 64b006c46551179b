import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { executionName } from '@storyboard/aws/stepfunctions';
import { ListDurableExecutionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { EXECUTION_BACKENDS } from '@storyboard/domain';
import type { ApiHarness } from './testing/api-harness';
import { ApiClient, expectStatus, sampleNovel, startApiHarness } from './testing/api-harness';

/** ENABLED_BACKENDS: one running local stack, a job per backend picked per request. */
describe('per-request backend (ENABLED_BACKENDS)', () => {
  let harness: ApiHarness;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await sampleNovel();
    harness = await startApiHarness('sqs', { ENABLED_BACKENDS: EXECUTION_BACKENDS.join(',') });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const client = (user: string) => {
    const transport = harness.transports.find((t) => t.name === 'http');
    if (!transport) throw new Error('no http transport');
    return new ApiClient(transport, user);
  };

  it('runs one job on each enabled backend of one stack, each recorded on its job', async () => {
    const alice = client('alice-backends');
    const novel = (await alice.submitText('The Lighthouse Keeper', bytes)).json() as { id: string };
    const reference = new Map<string, unknown>();
    const ids = new Map<string, string>();
    for (const backend of EXECUTION_BACKENDS) {
      const res = await alice.requestAnalysis(novel.id, backend);
      expectStatus(res, backend === 'sync' ? 200 : 202);
      const jobId = (backend === 'sync' ? res.json().id : res.json().jobId) as string;
      const { job } = await alice.waitForJob(jobId, 60_000);
      expect(job).toMatchObject({ status: 'completed', backend });
      const page = alice.send('GET', `/jobs/${jobId}/storyboard?limit=100`);
      const storyboard = (await page).json().storyboard as { chapters: unknown[] };
      reference.set(backend, storyboard.chapters.length);
      ids.set(backend, jobId);
    }
    // Each job really ran on its backend: one execution each on the state machine and on the
    // durable function, and it is that backend's job.
    const stack = harness.server.local.stack;
    if (!stack?.resources.stateMachineArn) throw new Error('no local stack');
    const machine = stack.resources.stateMachineArn;
    const execution = async (jobId: string) =>
      stack.clients.sfn
        .send(
          new DescribeExecutionCommand({
            executionArn: `${machine.replace(':stateMachine:', ':execution:')}:${executionName(jobId, 1)}`,
          }),
        )
        .then((out) => out.status)
        .catch((err: { name?: string }) => err.name);
    for (const [backend, jobId] of ids) {
      expect(await execution(jobId)).toBe(
        backend === 'stepfunctions' ? 'SUCCEEDED' : 'ExecutionDoesNotExist',
      );
    }
    const durable = await stack.clients.lambda.send(
      new ListDurableExecutionsByFunctionCommand({
        FunctionName: stack.resources.durableFunctionArn,
      }),
    );
    expect(durable.DurableExecutions?.map((e) => e.DurableExecutionName?.slice(0, 36))).toEqual([
      ids.get('durable'),
    ]);
    // Same text, same generator: every backend made the same number of chapters.
    expect(new Set(reference.values()).size).toBe(1);
    const plain = await alice.requestAnalysis(novel.id);
    expectStatus(plain, 202);
    expect((await alice.waitForJob(plain.json().jobId as string)).job.backend).toBe('sqs');
  });
});

describe('a backend that is not enabled', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    harness = await startApiHarness('sqs', { ENABLED_BACKENDS: 'sqs,sync' });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it.each(['stepfunctions', 'no-such-backend'])(
    'is refused with 400 problem+json naming the enabled ones (%s), creating no job',
    async (backend) => {
      for (const transport of harness.transports) {
        const bob = new ApiClient(transport, `bob-${transport.name}`);
        const novel = (await bob.submitText('T', await sampleNovel())).json() as { id: string };
        const before = harness.createdJobIds.length;
        const res = await bob.requestAnalysis(novel.id, backend);
        expectStatus(res, 400);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.json()).toMatchObject({ status: 400, code: 'JOB.BACKEND_NOT_ENABLED' });
        expect(res.json().detail).toContain('sqs, sync');
        expect(harness.createdJobIds.length).toBe(before);
      }
    },
  );

  it('refuses a body with other fields (400 INPUT.INVALID)', async () => {
    const bob = client('bob-extra');
    const novel = (await bob.submitText('T', await sampleNovel())).json() as { id: string };
    const res = await bob.send('POST', `/novels/${novel.id}/analyses`, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ backend: 'sqs', priority: 1 }),
    });
    expectStatus(res, 400);
    expect(res.json().code).toBe('INPUT.INVALID');
  });

  const client = (user: string) => {
    const transport = harness.transports.find((t) => t.name === 'http');
    if (!transport) throw new Error('no http transport');
    return new ApiClient(transport, user);
  };
});
