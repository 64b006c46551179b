import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableExecutionStore } from './durable-execution-store';

const ARN = 'arn:aws:lambda:us-east-1:000000000000:function:f:live/durable-execution/job-1/x';
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function started(store = new DurableExecutionStore()) {
  const record = store.create(ARN, 'job-1', 'arn:…:function:f:live', '{"jobId":"j"}');
  const token = store.openInvocation(record);
  return { store, record, token };
}

describe('DurableExecutionStore (the local service state rules)', () => {
  it('starts an execution with its EXECUTION operation holding the input', () => {
    const { store, record } = started();
    expect(store.visibleOperations(record)).toMatchObject([
      { Type: 'EXECUTION', Status: 'STARTED', ExecutionDetails: { InputPayload: '{"jobId":"j"}' } },
    ]);
  });

  it('records a step from START to SUCCEED with its result and one attempt', () => {
    const { store, token } = started();
    store.checkpoint(ARN, token, [{ Id: 's1', Type: 'STEP', Action: 'START', Name: 'prepare' }]);
    const [op] = store.checkpoint(ARN, token, [
      { Id: 's1', Type: 'STEP', Action: 'SUCCEED', Payload: '{"chunkCount":3}' },
    ]);
    expect(op).toMatchObject({
      Status: 'SUCCEEDED',
      Name: 'prepare',
      StepDetails: { Attempt: 1, Result: '{"chunkCount":3}' },
    });
  });

  it('schedules a retry (PENDING) and makes it READY once its time has come', () => {
    const { store, token } = started(new DurableExecutionStore(undefined, 0));
    const [pending] = store.checkpoint(ARN, token, [
      { Id: 's1', Type: 'STEP', Action: 'RETRY', StepOptions: { NextAttemptDelaySeconds: 2 } },
    ]);
    expect(pending).toMatchObject({ Status: 'READY', StepDetails: { Attempt: 1 } });
  });

  it('keeps a retry PENDING until its delay has passed', () => {
    const { store, record, token } = started();
    store.checkpoint(ARN, token, [
      { Id: 's1', Type: 'STEP', Action: 'RETRY', StepOptions: { NextAttemptDelaySeconds: 60 } },
    ]);
    expect(record.operations.s1?.Status).toBe('PENDING');
    expect(store.nextRetryAt(record)).toBeGreaterThan(Date.now() + 50_000);
  });

  it('refuses checkpoints from an invocation a newer one replaced, or after a stop', () => {
    const { store, record, token } = started();
    const newer = store.openInvocation(record);
    expect(() => store.checkpoint(ARN, token, [])).toThrow(/Invalid checkpoint token/);
    store.finish(record, 'STOPPED');
    expect(() => store.checkpoint(ARN, newer, [])).toThrow(/STOPPED/);
  });

  it('hides the children of a finished context from replay, as the service prunes them', () => {
    const { store, record, token } = started();
    store.checkpoint(ARN, token, [
      { Id: 'map', Type: 'CONTEXT', Action: 'START', SubType: 'Map' },
      { Id: 'c0', ParentId: 'map', Type: 'STEP', Action: 'SUCCEED', Payload: '0' },
    ]);
    expect(store.visibleOperations(record).map((o) => o.Id)).toContain('c0');
    store.checkpoint(ARN, token, [
      { Id: 'map', Type: 'CONTEXT', Action: 'SUCCEED', Payload: '[]' },
    ]);
    expect(store.visibleOperations(record).map((o) => o.Id)).not.toContain('c0');
  });

  it('refuses operation types it does not emulate (waits, callbacks, invokes)', () => {
    const { store, token } = started();
    expect(() =>
      store.checkpoint(ARN, token, [
        { Id: 'w', Type: 'WAIT', Action: 'START', WaitOptions: { WaitSeconds: 5 } },
      ]),
    ).toThrow(/STEP and CONTEXT operations only/);
  });

  it('persists every acknowledged checkpoint and reloads it in a new store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'durable-store-'));
    dirs.push(dir);
    const { store, token } = started(new DurableExecutionStore(dir));
    store.checkpoint(ARN, token, [{ Id: 's1', Type: 'STEP', Action: 'SUCCEED', Payload: '1' }]);
    const reloaded = new DurableExecutionStore(dir).require(ARN);
    expect(reloaded).toMatchObject({ status: 'RUNNING', name: 'job-1', invocations: 1 });
    expect(reloaded.operations.s1).toMatchObject({
      Status: 'SUCCEEDED',
      StepDetails: { Result: '1' },
    });
  });
});
