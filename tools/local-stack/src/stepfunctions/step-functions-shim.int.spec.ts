import type { HistoryEvent } from '@aws-sdk/client-sfn';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { buildStateMachineDefinition } from '@storyboard/aws/stepfunctions';
import type { TaskName } from '@storyboard/aws/stepfunctions';
import { GeneratorOutputError, StorageUnavailableError } from '@storyboard/domain';
import { uniqueId } from '@storyboard/domain/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LocalStack } from '../start-local-stack';
import { startLocalStack } from '../start-local-stack';
import type { TaskHandler } from './step-functions-shim';

const resource = (task: TaskName) =>
  `arn:aws:lambda:us-east-1:000000000000:function:storyboard-${task}`;
const definition = buildStateMachineDefinition({
  taskResource: resource,
  maxConcurrency: 2,
  retry: { intervalSeconds: 5, maxAttempts: 2, backoffRate: 2 },
});

/** What the trivial task handlers saw, per job. */
let calls: { task: TaskName; input: unknown }[] = [];
let behaviour: Partial<
  Record<TaskName, (input: { jobId: string; chunkIndex?: number }) => unknown>
> = {};

function handlers(): Record<string, TaskHandler> {
  const tasks: TaskName[] = ['prepare', 'analyze-chunk', 'assemble', 'complete', 'fail'];
  return Object.fromEntries(
    tasks.map((task) => [
      resource(task),
      async (input: unknown) => {
        calls.push({ task, input });
        const custom = behaviour[task];
        if (custom) return custom(input as { jobId: string });
        if (task === 'prepare')
          return { jobId: (input as { jobId: string }).jobId, chunkIndexes: [0, 1, 2] };
        return { ok: true };
      },
    ]),
  );
}

let stack: LocalStack;
let arn: string;
beforeAll(async () => {
  // Retry waits of 5 s, 10 s… shortened to nothing.
  stack = await startLocalStack({
    stepFunctions: { stateMachine: { definition }, taskHandlers: handlers(), retryIntervalMs: 0 },
  });
  arn = stack.resources.stateMachineArn ?? '';
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(() => {
  calls = [];
  behaviour = {};
});

async function runToEnd(jobId: string) {
  const { executionArn } = await stack.clients.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: arn,
      name: `${jobId}-1`,
      input: JSON.stringify({ jobId }),
    }),
  );
  await stack.stepFunctions.idle();
  const execution = await stack.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
  const history = await stack.clients.sfn.send(
    new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
  );
  return { execution, events: history.events ?? [] };
}

const tasksCalled = () => calls.map((c) => c.task);
const types = (events: HistoryEvent[]) => events.map((e) => e.type);

describe('Step Functions shim running the generated definition', () => {
  it('runs prepare, every chunk, assemble and complete to success with ids-only inputs', async () => {
    const jobId = uniqueId('job');
    const { execution, events } = await runToEnd(jobId);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '')).toEqual({ jobId, chunkIndexes: [0, 1, 2] });
    expect(tasksCalled()).toEqual([
      'prepare',
      'analyze-chunk',
      'analyze-chunk',
      'analyze-chunk',
      'assemble',
      'complete',
    ]);
    const chunkInputs = calls.filter((c) => c.task === 'analyze-chunk').map((c) => c.input);
    expect(chunkInputs).toEqual(
      expect.arrayContaining([0, 1, 2].map((chunkIndex) => ({ jobId, chunkIndex }))),
    );
    expect(calls.find((c) => c.task === 'assemble')?.input).toEqual({ jobId });
    expect(types(events)[0]).toBe('ExecutionStarted');
    expect(types(events).at(-1)).toBe('ExecutionSucceeded');
    expect(types(events).filter((t) => t === 'MapIterationSucceeded')).toHaveLength(3);
  });

  it('retries a step that throws a retryable error, then succeeds', async () => {
    let failures = 0;
    behaviour['analyze-chunk'] = ({ chunkIndex }) => {
      if (chunkIndex === 1 && failures++ === 0) throw new StorageUnavailableError('throttled');
      return null;
    };
    const { execution, events } = await runToEnd(uniqueId('job'));
    expect(execution.status).toBe('SUCCEEDED');
    expect(tasksCalled().filter((t) => t === 'analyze-chunk')).toHaveLength(4);
    expect(tasksCalled()).not.toContain('fail');
    const failed = events.find((e) => e.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails?.error).toBe('StorageUnavailableError');
  });

  it('sends a permanent failure to MarkFailed with {jobId, error} and ends Failed', async () => {
    behaviour['assemble'] = () => {
      throw new GeneratorOutputError('not JSON');
    };
    const jobId = uniqueId('job');
    const { execution } = await runToEnd(jobId);
    expect(tasksCalled().filter((t) => t === 'assemble')).toHaveLength(1);
    const failInput = calls.find((c) => c.task === 'fail')?.input as {
      jobId: string;
      error: { Error: string; Cause: string };
    };
    expect(failInput.jobId).toBe(jobId);
    expect(failInput.error.Error).toBe('GeneratorOutputError');
    // The cause is what Lambda writes for a function error.
    expect(JSON.parse(failInput.error.Cause)).toMatchObject({
      errorType: 'GeneratorOutputError',
      errorMessage: 'not JSON',
    });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'GeneratorOutputError' });
    expect(tasksCalled()).not.toContain('complete');
  });

  it('sends exhausted retries to MarkFailed', async () => {
    behaviour['prepare'] = () => {
      throw new StorageUnavailableError('down');
    };
    const { execution } = await runToEnd(uniqueId('job'));
    // First attempt + MaxAttempts (2) retries.
    expect(tasksCalled().filter((t) => t === 'prepare')).toHaveLength(3);
    expect(tasksCalled().at(-1)).toBe('fail');
    expect(execution.error).toBe('StorageUnavailableError');
  });
});

describe('Step Functions shim API', () => {
  it('answers a same-name start of a running execution with it, and ExecutionAlreadyExists otherwise', async () => {
    let release: () => void = () => undefined;
    behaviour['prepare'] = () =>
      new Promise((resolve) => (release = () => resolve({ jobId: 'x', chunkIndexes: [] })));
    const name = uniqueId('exec');
    const start = (input: string) =>
      stack.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name, input }));
    const first = await start('{"jobId":"x"}');
    const again = await start('{"jobId":"x"}');
    expect(again.executionArn).toBe(first.executionArn);
    await expect(start('{"jobId":"y"}')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    release();
    await stack.stepFunctions.idle();
    await expect(start('{"jobId":"x"}')).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('stops a running execution', async () => {
    let release: () => void = () => undefined;
    behaviour['prepare'] = () => new Promise((resolve) => (release = () => resolve(null)));
    const { executionArn } = await stack.clients.sfn.send(
      new StartExecutionCommand({ stateMachineArn: arn, input: '{"jobId":"s"}' }),
    );
    await stack.clients.sfn.send(
      new StopExecutionCommand({ executionArn, error: 'Cancelled', cause: 'by test' }),
    );
    release();
    await stack.stepFunctions.idle();
    const execution = await stack.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'by test' });
    expect(tasksCalled()).toEqual(['prepare']);
  });

  it('pages the history', async () => {
    const { execution } = await runToEnd(uniqueId('job'));
    const executionArn = execution.executionArn ?? '';
    const all = await stack.clients.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const first = await stack.clients.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 5 }),
    );
    const second = await stack.clients.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 5, nextToken: first.nextToken }),
    );
    expect([...(first.events ?? []), ...(second.events ?? [])].map((e) => e.id)).toEqual(
      (all.events ?? []).slice(0, 10).map((e) => e.id),
    );
    expect(all.events?.[0]?.timestamp).toBeInstanceOf(Date);
  });

  it('refuses unknown executions and state machines, and invalid definitions', async () => {
    await expect(
      stack.clients.sfn.send(new DescribeExecutionCommand({ executionArn: `${arn}:nope` })),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(
      stack.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}-missing` })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(
      stack.clients.sfn.send(
        new CreateStateMachineCommand({
          name: 'bad',
          definition: '{"StartAt":"X","States":{}}',
          roleArn: 'arn:aws:iam::0:role/r',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidDefinition' });
  });

  it('fails a Task whose resource has no local handler, as Lambda would', async () => {
    const created = await stack.clients.sfn.send(
      new CreateStateMachineCommand({
        name: 'orphan',
        roleArn: 'arn:aws:iam::000000000000:role/r',
        definition: JSON.stringify({
          StartAt: 'T',
          States: {
            T: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:us-east-1:000000000000:function:none',
              End: true,
            },
          },
        }),
      }),
    );
    const { executionArn } = await stack.clients.sfn.send(
      new StartExecutionCommand({ stateMachineArn: created.stateMachineArn }),
    );
    await stack.stepFunctions.idle();
    const execution = await stack.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(execution).toMatchObject({
      status: 'FAILED',
      error: 'Lambda.ResourceNotFoundException',
    });
  });
});
