import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { tableDefinition } from '@storyboard/aws/dynamodb';
import type { LocalStackOptions, LocalStackResources } from './start-local-stack';

// The resources the local stack creates in its emulators: the table, the queues with their
// redrive policy, and the state machine.

export async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
  } catch (err) {
    // A persisted store already has it.
    if ((err as { name?: string }).name !== 'ResourceInUseException') throw err;
  }
  // dynalite answers CreateTable while the table is still CREATING and flips it to ACTIVE
  // a moment later (later still with a LevelDB store); writes before that fail with
  // ResourceNotFoundException, so wait as AWS clients do.
  for (let waited = 0; ; waited += 10) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (waited >= 10_000) throw new Error(`Table ${tableName} is not ACTIVE after 10 s.`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function createQueues(
  sqs: SQSClient,
  names: { queue: string; dlq: string },
  queue: NonNullable<LocalStackOptions['queue']>,
): Promise<Pick<LocalStackResources, 'queueUrl' | 'queueArn' | 'dlqUrl' | 'dlqArn'>> {
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: names.dlq }));
  const dlqUrl = dlq.QueueUrl ?? '';
  const dlqArn = await queueArn(sqs, dlqUrl);
  const main = await sqs.send(
    new CreateQueueCommand({
      QueueName: names.queue,
      Attributes: {
        VisibilityTimeout: String(queue.visibilityTimeoutSeconds ?? 30),
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: dlqArn,
          maxReceiveCount: queue.maxReceiveCount ?? 3,
        }),
      },
    }),
  );
  const queueUrl = main.QueueUrl ?? '';
  return { queueUrl, queueArn: await queueArn(sqs, queueUrl), dlqUrl, dlqArn };
}

async function queueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const arn = out.Attributes?.QueueArn;
  if (!arn) throw new Error(`The queue ${queueUrl} has no ARN.`);
  return arn;
}

export async function createStateMachine(
  sfn: SFNClient,
  stateMachine: { name?: string; definition: object | string },
  region: string,
  accountId: string,
): Promise<string> {
  const out = await sfn.send(
    new CreateStateMachineCommand({
      name: stateMachine.name ?? 'storyboard-analysis',
      definition:
        typeof stateMachine.definition === 'string'
          ? stateMachine.definition
          : JSON.stringify(stateMachine.definition),
      roleArn: `arn:aws:iam::${accountId}:role/storyboard-local-${region}`,
      type: 'STANDARD',
    }),
  );
  if (!out.stateMachineArn) throw new Error('CreateStateMachine returned no ARN.');
  return out.stateMachineArn;
}
