import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { NovelTextStore } from '@storyboard/domain';
import { StorageUnavailableError } from '@storyboard/domain';
import {
  awsErrorName,
  awsHttpStatus,
  describeAwsError,
  isRetryableAwsError,
} from '../shared/aws-errors';

export interface S3NovelTextStoreOptions {
  client: S3Client;
  bucket: string;
}

/**
 * Bytes in one S3 bucket, one object per key. A missing object reads as `undefined`
 * (`NoSuchKey` on GET, a bare 404 on HEAD); throttling, 5xx and network failures become
 * `StorageUnavailableError`; anything else (access denied, no such bucket) is thrown as is.
 *
 * Against s3rver the client needs `forcePathStyle: true` and
 * `requestChecksumCalculation: 'WHEN_REQUIRED'` (TOOLCHAIN.md); this class sends whole
 * byte arrays with a known length, never streams.
 */
export class S3NovelTextStore implements NovelTextStore {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3NovelTextStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    await this.call(() =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: body,
          ContentLength: body.byteLength,
          ContentType: 'application/octet-stream',
        }),
      ),
    );
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    try {
      const out = await this.call(() =>
        this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })),
      );
      if (!out.Body) return new Uint8Array(0);
      return await out.Body.transformToByteArray();
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async size(key: string): Promise<number | undefined> {
    try {
      const out = await this.call(() =>
        this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })),
      );
      return out.ContentLength ?? 0;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /**
   * A URL a client can PUT exactly `sizeBytes` bytes to under `key`, valid `expiresInSeconds`
   * (the signature covers Content-Length, so a different size is refused by S3).
   */
  async presignPut(key: string, sizeBytes: number, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(
      this.client,
      new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentLength: sizeBytes }),
      { expiresIn: expiresInSeconds, signableHeaders: new Set(['content-length']) },
    );
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (!isNotFound(err) && isRetryableAwsError(err)) {
        throw new StorageUnavailableError(`S3 is unavailable: ${describeAwsError(err)}`, {
          cause: err,
        });
      }
      throw err;
    }
  }
}

function isNotFound(err: unknown): boolean {
  const name = awsErrorName(err);
  if (name === 'NoSuchKey' || name === 'NotFound') return true;
  return awsHttpStatus(err) === 404 && name !== 'NoSuchBucket';
}
