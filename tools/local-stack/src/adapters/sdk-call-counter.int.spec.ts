import { PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NO_SCOPE, sumOf, totalsOf } from '@storyboard/aws/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../start-local-stack';
import type { LocalStack } from '../start-local-stack';

describe('the local stack counts every SDK call (client middleware)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack();
  });
  afterAll(() => stack.stop());

  it('tallies calls, written items and request bytes per kind and per scope', async () => {
    const TableName = stack.resources.tableName;
    const before = stack.calls.snapshot();
    await stack.calls.inScope('analyze-chunk', async () => {
      await stack.clients.dynamodb.send(new PutCommand({ TableName, Item: { PK: 'a', SK: '1' } }));
      await stack.clients.dynamodb.send(new GetCommand({ TableName, Key: { PK: 'a', SK: '1' } }));
    });
    await stack.clients.dynamodb.send(
      new BatchWriteCommand({
        RequestItems: {
          [TableName]: [1, 2, 3].map((i) => ({ PutRequest: { Item: { PK: 'b', SK: `${i}` } } })),
        },
      }),
    );
    await stack.clients.s3.send(
      new PutObjectCommand({
        Bucket: stack.resources.bucket,
        Key: 'k',
        Body: new Uint8Array(1234),
      }),
    );

    const counted = stack.calls.since(before);
    expect(Object.keys(counted['analyze-chunk'] ?? {}).sort()).toEqual([
      'DynamoDB.GetItem',
      'DynamoDB.PutItem',
    ]);
    expect(counted[NO_SCOPE]?.['DynamoDB.BatchWriteItem']).toMatchObject({
      calls: 1,
      writeItems: 3,
    });
    expect(counted[NO_SCOPE]?.['S3.PutObject']).toMatchObject({ calls: 1, requestBytes: 1234 });
    const totals = totalsOf(counted);
    expect(sumOf(totals, 'DynamoDB.', 'writeItems')).toBe(4);
    expect(sumOf(totals, 'DynamoDB.')).toBe(3);
    // a second snapshot starts from zero again
    expect(stack.calls.since(stack.calls.snapshot())).toEqual({});
  });
});
