import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { JobMessageSchema, SqsJobDispatcher } from '@storyboard/aws/sqs';
import { StepFunctionsJobDispatcher, executionName } from '@storyboard/aws/stepfunctions';
import { DispatchFailedError } from '@storyboard/domain';
import { uniqueId } from '@storyboard/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../start-local-stack';
import { startLocalStack } from '../start-local-stack';

const RESOURCE = 'arn:aws:lambda:us-east-1:000000000000:function:slow';
let release: () => void = () => undefined;
let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({
    stepFunctions: {
      stateMachine: {
        definition: {
          StartAt: 'Slow',
          States: { Slow: { Type: 'Task', Resource: RESOURCE, End: true } },
        },
      },
      taskHandlers: { [RESOURCE]: () => new Promise<void>((resolve) => (release = resolve)) },
    },
  });
});
afterAll(async () => {
  release();
  await stack?.stop();
});

const unreachable = {
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:9',
  maxAttempts: 1,
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
};

describe('SqsJobDispatcher on local-aws-sqs', () => {
  it('enqueues {jobId, attempt} that JobMessageSchema accepts', async () => {
    const dispatcher = new SqsJobDispatcher({
      client: stack.clients.sqs,
      queueUrl: stack.resources.queueUrl,
    });
    expect(dispatcher.backend).toBe('sqs');
    const jobId = uniqueId('job');
    await dispatcher.dispatch({ jobId, attempt: 2 });
    const out = await stack.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: stack.resources.queueUrl, WaitTimeSeconds: 1 }),
    );
    expect(out.Messages).toHaveLength(1);
    expect(JobMessageSchema.parse(JSON.parse(out.Messages?.[0]?.Body ?? ''))).toEqual({
      jobId,
      attempt: 2,
    });
  });

  it('throws DispatchFailedError when SQS cannot be reached', async () => {
    const client = new SQSClient(unreachable);
    try {
      const dispatcher = new SqsJobDispatcher({ client, queueUrl: stack.resources.queueUrl });
      await expect(dispatcher.dispatch({ jobId: 'j', attempt: 1 })).rejects.toBeInstanceOf(
        DispatchFailedError,
      );
    } finally {
      client.destroy();
    }
  });
});

describe('StepFunctionsJobDispatcher on the Step Functions shim', () => {
  it('starts one execution named {jobId}-{attempt} with input {jobId}, however often dispatched', async () => {
    const arn = stack.resources.stateMachineArn ?? '';
    const dispatcher = new StepFunctionsJobDispatcher({
      client: stack.clients.sfn,
      stateMachineArn: arn,
    });
    expect(dispatcher.backend).toBe('stepfunctions');
    const jobId = uniqueId('job');
    await Promise.all([
      dispatcher.dispatch({ jobId, attempt: 1 }),
      dispatcher.dispatch({ jobId, attempt: 1 }),
    ]);
    const executionArn = `${arn.replace(':stateMachine:', ':execution:')}:${executionName(jobId, 1)}`;
    const running = await stack.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(running).toMatchObject({ status: 'RUNNING', input: JSON.stringify({ jobId }) });
    release();
    await stack.stepFunctions.idle();
    // Closed: StartExecution now answers ExecutionAlreadyExists, which is still success.
    await dispatcher.dispatch({ jobId, attempt: 1 });
    const done = await stack.clients.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(done.status).toBe('SUCCEEDED');
    expect(done.startDate?.getTime()).toBe(running.startDate?.getTime());
  });

  it('throws DispatchFailedError when Step Functions cannot be reached', async () => {
    const client = new SFNClient(unreachable);
    try {
      const dispatcher = new StepFunctionsJobDispatcher({
        client,
        stateMachineArn: 'arn:aws:states:us-east-1:0:stateMachine:x',
      });
      await expect(dispatcher.dispatch({ jobId: 'j', attempt: 1 })).rejects.toBeInstanceOf(
        DispatchFailedError,
      );
    } finally {
      client.destroy();
    }
  });

  it('throws DispatchFailedError for a state machine that does not exist', async () => {
    const dispatcher = new StepFunctionsJobDispatcher({
      client: stack.clients.sfn,
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:missing',
    });
    await expect(dispatcher.dispatch({ jobId: 'j', attempt: 1 })).rejects.toBeInstanceOf(
      DispatchFailedError,
    );
  });
});
