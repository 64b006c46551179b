import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { BlobStore } from '@storyboard/domain';
import { StorageUnavailableError } from '@storyboard/domain';
import { describeAwsError, isRetryableAwsError } from '../shared/aws-errors';
import { isS3NotFound } from './s3-not-found';

export interface S3BlobStoreOptions {
  client: S3Client;
  bucket: string;
}

/**
 * Bytes in one S3 bucket, one object per key. A missing object reads as `undefined`;
 * throttling, 5xx and network failures become `StorageUnavailableError`; anything else
 * (access denied, no such bucket) is thrown as is.
 *
 * Against s3rver the client needs `forcePathStyle: true` and
 * `requestChecksumCalculation: 'WHEN_REQUIRED'` (TOOLCHAIN.md); this class sends whole
 * byte arrays with a known length, never streams.
 */
export class S3BlobStore implements BlobStore {
  protected readonly client: S3Client;
  protected readonly bucket: string;

  constructor(options: S3BlobStoreOptions) {
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
      if (isS3NotFound(err)) return undefined;
      throw err;
    }
  }

  protected async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (!isS3NotFound(err) && isRetryableAwsError(err)) {
        throw new StorageUnavailableError(`S3 is unavailable: ${describeAwsError(err)}`, {
          cause: err,
        });
      }
      throw err;
    }
  }
}
