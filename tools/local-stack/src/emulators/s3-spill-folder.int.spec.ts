import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './dynamodb-emulator';
import { s3ClientFor, startS3Emulator } from './s3-emulator';

const BUCKET = 'spill-test';
const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
/** 3 MiB of varied bytes: well over the default 1 MiB spill size. */
const large = (seed: number) => Buffer.alloc(3 * 2 ** 20, `第${seed}回 灵根育孕源流出 `);

describe('the in-memory S3 store keeps objects over 1 MiB in a temporary folder', () => {
  let parent: string;
  let emulator: RunningEmulator | undefined;
  let s3: S3Client;
  /** The files under the store's temporary folder(s). */
  const spilled = async () => {
    const folders = await readdir(parent);
    const files = await Promise.all(folders.map((f) => readdir(join(parent, f))));
    return { folders, files: files.flat() };
  };

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 's3-spill-test-'));
    emulator = await startS3Emulator({ bucket: BUCKET, memoryStore: { spillParent: parent } });
    s3 = s3ClientFor(emulator.endpoint);
  });
  afterEach(async () => {
    s3.destroy();
    await emulator?.close();
    await rm(parent, { recursive: true, force: true });
  });

  const put = (Key: string, Body: Uint8Array | string) =>
    s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
  const get = (Key: string, Range?: string) =>
    s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, Range }));

  it('writes a large object to one file and reads it back byte for byte, ranges too', async () => {
    const body = large(1);
    const written = await put('novels/big.txt', body);
    expect(written.ETag).toBe(JSON.stringify(md5(body)));
    await put('small.txt', 'stays in memory');
    expect((await spilled()).files).toHaveLength(1);

    const got = await get('novels/big.txt');
    expect(got.ContentLength).toBe(body.length);
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    const part = await get('novels/big.txt', 'bytes=1000000-1000099');
    const bytes = Buffer.from(await part.Body!.transformToByteArray());
    expect(bytes.equals(body.subarray(1000000, 1000100))).toBe(true);
    expect(await (await get('small.txt')).Body!.transformToString()).toBe('stays in memory');
  });

  it('a read already answered keeps the old bytes when the key is written again; the old file goes', async () => {
    const before = large(1);
    const after = large(2);
    await put('k', before);
    const reading = await get('k'); // headers received, body not read yet
    await put('k', after);
    expect(Buffer.from(await reading.Body!.transformToByteArray()).equals(before)).toBe(true);
    const again = await get('k');
    expect(Buffer.from(await again.Body!.transformToByteArray()).equals(after)).toBe(true);
    expect((await spilled()).files).toHaveLength(1);
  });

  it('deleting an object deletes its file; closing the stack removes the folder', async () => {
    await put('a', large(1));
    await put('b', large(2));
    expect((await spilled()).files).toHaveLength(2);
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'a' }));
    expect((await spilled()).files).toHaveLength(1);
    await expect(get('a')).rejects.toMatchObject({ name: 'NoSuchKey' });
    await emulator?.close();
    emulator = undefined;
    expect((await spilled()).folders).toEqual([]);
  });
});
