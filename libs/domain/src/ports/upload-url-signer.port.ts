/** Issues URLs a client can upload a large novel to directly (S3 presigned PUT). */
export interface UploadUrlSigner {
  /** A URL that accepts one PUT of exactly `sizeBytes` bytes to `key` until it expires. */
  presignPut(key: string, sizeBytes: number, expiresInSeconds: number): Promise<string>;
}
