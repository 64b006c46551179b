import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from './dynamodb-emulator';
import { s3ClientFor, startS3Emulator } from './s3-emulator';

const BUCKET = 'store-test';
const md5 = (bytes: Uint8Array | string) => createHash('md5').update(bytes).digest('hex');

// The same requests against s3rver's file store (a kept folder) and the in-memory store that
// replaces it when nothing is kept (with its default spill size, and with every object over
// 8 bytes in a temporary file): the answers must be the same.
describe.each([
  ['file store', { kept: true }],
  ['in-memory store', {}],
  ['in-memory store, objects over 8 bytes spilled to files', { spillAboveBytes: 8 }],
])(
  's3rver with its %s',
  (_name, { kept, spillAboveBytes }: { kept?: boolean; spillAboveBytes?: number }) => {
    let emulator: RunningEmulator;
    let s3: S3Client;
    let folder: string | undefined;
    beforeAll(async () => {
      folder = kept ? await mkdtemp(join(tmpdir(), 's3-store-test-')) : undefined;
      emulator = await startS3Emulator({
        bucket: BUCKET,
        directory: folder,
        memoryStore: { spillAboveBytes },
      });
      s3 = s3ClientFor(emulator.endpoint);
    });
    afterAll(async () => {
      s3?.destroy();
      await emulator?.close();
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    const put = (Key: string, Body: string | Uint8Array, extra: object = {}) =>
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body, ...extra }));
    const text = async (Key: string, Range?: string) => {
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, Range }));
      return { got, body: await got.Body!.transformToString() };
    };

    it('stores bytes with their ETag (quoted MD5), length, type and user metadata', async () => {
      const body = '第一回 灵根育孕源流出 心性修持大道生';
      const written = await put('novels/a.txt', body, {
        ContentType: 'text/plain; charset=utf-8',
        Metadata: { title: 'xyj' },
      });
      expect(written.ETag).toBe(JSON.stringify(md5(body)));
      const { got, body: read } = await text('novels/a.txt');
      expect(read).toBe(body);
      expect(got.ETag).toBe(written.ETag);
      expect(got.ContentLength).toBe(Buffer.byteLength(body));
      expect(got.ContentType).toBe('text/plain; charset=utf-8');
      expect(got.Metadata).toEqual({ title: 'xyj' });
      const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'novels/a.txt' }));
      expect(head.ContentLength).toBe(Buffer.byteLength(body));
      expect(head.LastModified).toBeInstanceOf(Date);
    });

    it('serves byte ranges and refuses an unsatisfiable one', async () => {
      await put('range.txt', '0123456789');
      const { got, body } = await text('range.txt', 'bytes=2-5');
      expect(body).toBe('2345');
      expect(got.ContentRange).toBe('bytes 2-5/10');
      expect((await text('range.txt', 'bytes=7-')).body).toBe('789');
      await expect(text('range.txt', 'bytes=20-30')).rejects.toMatchObject({
        name: 'InvalidRange',
      });
    });

    it('answers NoSuchKey / 404 for a missing object and 304 for a matching If-None-Match', async () => {
      await expect(text('missing')).rejects.toMatchObject({ name: 'NoSuchKey' });
      await expect(
        s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'missing' })),
      ).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
      const { ETag } = await put('etag.txt', 'same');
      await expect(
        s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'etag.txt', IfNoneMatch: ETag })),
      ).rejects.toMatchObject({ $metadata: { httpStatusCode: 304 } });
    });

    // (s3rver answers InternalError to a ListObjectsV2 that MaxKeys truncates, whatever the
    // store, so pages are not tested here.)
    it('lists keys in byte order with prefix, delimiter and start-after', async () => {
      for (const key of ['list/b', 'list/a', 'list/c/1', 'list/c/2', 'list/é', 'list/z']) {
        await put(key, key);
      }
      const list = (input: object) =>
        s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', ...input }));
      const all = await list({});
      expect(all.Contents?.map((o) => o.Key)).toEqual([
        'list/a',
        'list/b',
        'list/c/1',
        'list/c/2',
        'list/z',
        'list/é',
      ]);
      expect(all.Contents?.[0]?.ETag).toBe(JSON.stringify(md5('list/a')));
      const folders = await list({ Delimiter: '/' });
      expect(folders.Contents?.map((o) => o.Key)).toEqual(['list/a', 'list/b', 'list/z', 'list/é']);
      expect(folders.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['list/c/']);
      const after = await list({ StartAfter: 'list/c/1' });
      expect(after.Contents?.map((o) => o.Key)).toEqual(['list/c/2', 'list/z', 'list/é']);
    });

    it('copies and deletes objects', async () => {
      await put('copy/src', 'copied bytes', { ContentType: 'text/plain' });
      await s3.send(
        new CopyObjectCommand({
          Bucket: BUCKET,
          Key: 'copy/dst',
          CopySource: `${BUCKET}/copy/src`,
        }),
      );
      const { got, body } = await text('copy/dst');
      expect(body).toBe('copied bytes');
      expect(got.ContentType).toBe('text/plain');
      await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'copy/src' }));
      await expect(text('copy/src')).rejects.toMatchObject({ name: 'NoSuchKey' });
      expect((await text('copy/dst')).body).toBe('copied bytes');
    });

    it('assembles a multipart upload from its parts in part order', async () => {
      const Key = 'multi/object';
      const { UploadId } = await s3.send(
        new CreateMultipartUploadCommand({ Bucket: BUCKET, Key, ContentType: 'text/plain' }),
      );
      const part = (PartNumber: number, Body: string) =>
        s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber, Body }));
      const second = await part(2, 'second;');
      const first = await part(1, 'first;');
      expect(first.ETag).toBe(JSON.stringify(md5('first;')));
      await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket: BUCKET,
          Key,
          UploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: first.ETag },
              { PartNumber: 2, ETag: second.ETag },
            ],
          },
        }),
      );
      const { got, body } = await text(Key);
      expect(body).toBe('first;second;');
      expect(got.ContentType).toBe('text/plain');
    });
  },
);
