import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { NovelTextStore } from '@storyboard/domain';
import type { S3BlobStoreOptions } from './s3-blob-store';
import { S3BlobStore } from './s3-blob-store';
import { isS3NotFound } from './s3-not-found';

export type S3NovelTextStoreOptions = S3BlobStoreOptions;

/**
 * Novel texts and chunk texts in one S3 bucket: an `S3BlobStore` that also answers sizes
 * (HEAD; a missing object is `undefined`) and signs direct-upload URLs.
 */
export class S3NovelTextStore extends S3BlobStore implements NovelTextStore {
  async size(key: string): Promise<number | undefined> {
    try {
      const out = await this.call(() =>
        this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })),
      );
      return out.ContentLength ?? 0;
    } catch (err) {
      if (isS3NotFound(err)) return undefined;
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
}
