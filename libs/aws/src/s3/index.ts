export { S3BlobStore } from './s3-blob-store';
export type { S3BlobStoreOptions } from './s3-blob-store';
export { S3NovelTextStore } from './s3-novel-text-store';
export type { S3NovelTextStoreOptions } from './s3-novel-text-store';
