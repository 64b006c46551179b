import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './dynamodb-emulator';
import { bodiesInOnePiece, startDynamoDbEmulator } from './dynamodb-emulator';
import { closeServer, LOCAL_HOST } from './http-server';

describe('bodiesInOnePiece', () => {
  it('hands the request handler the whole body as one data event', async () => {
    const seen: number[] = [];
    const server = createServer((req, res) => {
      req.on('data', (chunk: Buffer) => seen.push(chunk.length));
      req.on('end', () => res.end(req.method));
    });
    bodiesInOnePiece(server);
    await new Promise<void>((resolve) => server.listen(0, LOCAL_HOST, resolve));
    const { port } = server.address() as AddressInfo;
    const reply = await new Promise<string>((resolve, reject) => {
      const req = request({ host: LOCAL_HOST, port, method: 'POST' }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      // 40 writes of 4 KiB, flushed apart so the server sees many chunks.
      let left = 40;
      const next = () => {
        if (left-- === 0) return req.end();
        req.write(Buffer.alloc(4096, 97));
        setImmediate(next);
      };
      next();
    });
    await closeServer(server);
    expect(reply).toBe('POST');
    expect(seen).toEqual([40 * 4096]);
  });
});

describe('startDynamoDbEmulator', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => emulator?.close());

  it('stores and returns an item of 300 KiB (a body of many chunks)', async () => {
    emulator = await startDynamoDbEmulator({});
    const client = new DynamoDBClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    await client.send(
      new CreateTableCommand({
        TableName: 'items',
        KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'k', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const value = 'é'.repeat(150 * 1024);
    await client.send(
      new PutItemCommand({ TableName: 'items', Item: { k: { S: 'a' }, v: { S: value } } }),
    );
    const got = await client.send(
      new GetItemCommand({ TableName: 'items', Key: { k: { S: 'a' } } }),
    );
    expect(got.Item?.v?.S).toBe(value);
    client.destroy();
  });
});
