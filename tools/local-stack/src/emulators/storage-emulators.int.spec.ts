import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3RVER_CREDENTIALS } from './s3-emulator';
import { startStorageEmulators } from './storage-emulators';

const region = 'us-east-1';
const clientsOf = (endpoints: { dynamodb: { endpoint: string }; s3: { endpoint: string } }) => ({
  dynamodb: new DynamoDBClient({
    region,
    credentials: S3RVER_CREDENTIALS,
    endpoint: endpoints.dynamodb.endpoint,
    maxAttempts: 1,
  }),
  s3: new S3Client({
    region,
    credentials: S3RVER_CREDENTIALS,
    endpoint: endpoints.s3.endpoint,
    forcePathStyle: true,
    maxAttempts: 1,
  }),
});

describe.each([true, false])('startStorageEmulators (thread: %s)', (thread) => {
  it('serves DynamoDB and S3 over HTTP, and stops serving on close', async () => {
    const emulators = await startStorageEmulators({
      dynamodb: {},
      s3: { bucket: 'bucket' },
      thread,
    });
    const { dynamodb, s3 } = clientsOf(emulators);
    try {
      await dynamodb.send(
        new CreateTableCommand({
          TableName: 'things',
          KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual(['things']);
      await s3.send(new PutObjectCommand({ Bucket: 'bucket', Key: 'k', Body: '西游记' }));
      const got = await s3.send(new GetObjectCommand({ Bucket: 'bucket', Key: 'k' }));
      expect(await got.Body?.transformToString()).toBe('西游记');
    } finally {
      await emulators.close();
      await emulators.close(); // a second close is a no-op
    }
    await expect(dynamodb.send(new ListTablesCommand({}))).rejects.toThrow();
    dynamodb.destroy();
    s3.destroy();
  });

  it('rejects with the cause when an emulator cannot start, leaving nothing running', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storage-emulators-'));
    try {
      const file = join(dir, 'not-a-folder');
      await writeFile(file, 'x');
      await expect(
        startStorageEmulators({
          dynamodb: {},
          s3: { bucket: 'bucket', directory: join(file, 's3') },
          thread,
        }),
      ).rejects.toThrow(/ENOTDIR|not a directory/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
