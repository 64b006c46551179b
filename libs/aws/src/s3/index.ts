export { S3NovelTextStore } from './s3-novel-text-store';
export type { S3NovelTextStoreOptions } from './s3-novel-text-store';
