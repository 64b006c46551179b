import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { buildStateMachineDefinition } from '@storyboard/aws/stepfunctions';
import type { TaskName } from '@storyboard/aws/stepfunctions';
import { expect, it } from 'vitest';
import { startLocalStack } from '../start-local-stack';

const resource = (task: TaskName) =>
  `arn:aws:lambda:us-east-1:000000000000:function:storyboard-${task}`;

it('stopping the stack waits for a task handler still writing after its execution is aborted', async () => {
  const stack = await startLocalStack({
    stepFunctions: {
      stateMachine: {
        definition: buildStateMachineDefinition({
          taskResource: resource,
          maxConcurrency: 1,
          retry: { intervalSeconds: 1, maxAttempts: 1, backoffRate: 2 },
        }),
      },
    },
  });
  let entered!: () => void;
  const inHandler = new Promise<void>((resolve) => (entered = resolve));
  let wrote = false;
  stack.stepFunctions.setTaskHandlers({
    [resource('prepare')]: async (input) => {
      entered();
      await new Promise((r) => setTimeout(r, 300));
      // A write after the execution was aborted by stop(): it must still reach the emulator.
      await stack.clients.dynamodb.send(
        new PutCommand({
          TableName: stack.resources.tableName,
          Item: { PK: 'late', SK: 'write', input },
        }),
      );
      const read = await stack.clients.dynamodb.send(
        new GetCommand({ TableName: stack.resources.tableName, Key: { PK: 'late', SK: 'write' } }),
      );
      wrote = read.Item !== undefined;
      return { jobId: 'j', chunkIndexes: [] };
    },
  });
  await stack.clients.sfn.send(
    new StartExecutionCommand({
      stateMachineArn: stack.resources.stateMachineArn,
      name: 'late',
      input: '{"jobId":"j"}',
    }),
  );
  await inHandler;

  await stack.stop();

  expect(wrote).toBe(true);
});
