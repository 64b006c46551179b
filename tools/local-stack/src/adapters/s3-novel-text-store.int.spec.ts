import { S3NovelTextStore } from '@storyboard/aws/s3';
import { uniqueId } from '@storyboard/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../start-local-stack';
import { startLocalStack } from '../start-local-stack';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('S3NovelTextStore on s3rver', () => {
  it('presigns a PUT that uploads the bytes under the key', async () => {
    const store = new S3NovelTextStore({
      client: stack.clients.s3,
      bucket: stack.resources.bucket,
    });
    const key = `novels/${uniqueId('user')}/${uniqueId('novel')}`;
    const body = new TextEncoder().encode('第一回 灵根育孕源流出');
    const url = await store.presignPut(key, body.byteLength, 300);
    expect(url).toContain('X-Amz-Signature=');
    const res = await fetch(url, { method: 'PUT', body });
    expect(res.status).toBe(200);
    expect(new TextDecoder().decode(await store.get(key))).toBe('第一回 灵根育孕源流出');
  });

  it('throws, rather than answering "missing", when the bucket does not exist', async () => {
    const store = new S3NovelTextStore({ client: stack.clients.s3, bucket: 'no-such-bucket' });
    await expect(store.get('k')).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });
});
