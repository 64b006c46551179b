import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { DynamoDbJobRepository } from '@storyboard/aws/dynamodb';
import { aJob } from '@storyboard/domain/testing';
import { describe, expect, it } from 'vitest';
import { startLocalStack } from './start-local-stack';

describe('startLocalStack', () => {
  it('starts and stops twice in one process, each stack on its own ports', async () => {
    const first = await startLocalStack();
    const second = await startLocalStack();
    expect(second.endpoints.dynamodb).not.toBe(first.endpoints.dynamodb);
    for (const endpoint of Object.values(first.endpoints)) {
      expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
    await first.stop();
    await second.stop();
    const third = await startLocalStack();
    const tables = await third.clients.dynamodbRaw.send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual([third.resources.tableName]);
    await third.stop();
  });

  it('creates the jobs queue with a DLQ redrive after 3 receives', async () => {
    const stack = await startLocalStack();
    try {
      const out = await stack.clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: stack.resources.queueUrl,
          AttributeNames: ['All'],
        }),
      );
      expect(JSON.parse(out.Attributes?.RedrivePolicy ?? '{}')).toEqual({
        deadLetterTargetArn: stack.resources.dlqArn,
        maxReceiveCount: 3,
      });
    } finally {
      await stack.stop();
    }
  });

  it('gives an env with which default-configured SDK clients reach it', async () => {
    const stack = await startLocalStack();
    const saved = { ...process.env };
    Object.assign(process.env, stack.env);
    const dynamodb = new DynamoDBClient({});
    const s3 = new S3Client({});
    try {
      const tables = await dynamodb.send(new ListTablesCommand({}));
      expect(tables.TableNames).toContain(stack.env.TABLE_NAME);
      await s3.send(
        new PutObjectCommand({ Bucket: stack.env.BUCKET_NAME, Key: 'k', Body: 'hello' }),
      );
      const got = await s3.send(new GetObjectCommand({ Bucket: stack.env.BUCKET_NAME, Key: 'k' }));
      expect(await got.Body?.transformToString()).toBe('hello');
    } finally {
      process.env = saved;
      dynamodb.destroy();
      s3.destroy();
      await stack.stop();
    }
  });

  it('keeps DynamoDB items and S3 objects between runs with persistDir', async () => {
    const persistDir = await mkdtemp(join(tmpdir(), 'storyboard-persist-'));
    try {
      const job = aJob();
      const first = await startLocalStack({ persistDir });
      const tableName = first.resources.tableName;
      await new DynamoDbJobRepository({ client: first.clients.dynamodb, tableName }).create(job);
      await first.clients.s3.send(
        new PutObjectCommand({ Bucket: first.resources.bucket, Key: 'novels/u/n', Body: 'text' }),
      );
      await first.stop();
      const second = await startLocalStack({ persistDir });
      try {
        const repo = new DynamoDbJobRepository({ client: second.clients.dynamodb, tableName });
        expect(await repo.get(job.id)).toEqual(job);
        const got = await second.clients.s3.send(
          new GetObjectCommand({ Bucket: second.resources.bucket, Key: 'novels/u/n' }),
        );
        expect(await got.Body?.transformToString()).toBe('text');
      } finally {
        await second.stop();
      }
    } finally {
      await rm(persistDir, { recursive: true, force: true });
    }
  });

  it('stops the SQS pollers it started', async () => {
    const stack = await startLocalStack();
    const poller = await stack.startSqsEventSource({ handler: async () => undefined });
    await stack.stop();
    expect(poller.stats.batches).toBe(0);
  });

  it('can be stopped twice', async () => {
    const stack = await startLocalStack();
    await stack.stop();
    await expect(stack.stop()).resolves.toBeUndefined();
  });
});
