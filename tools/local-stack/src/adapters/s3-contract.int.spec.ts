import { S3BlobStore, S3NovelTextStore } from '@storyboard/aws/s3';
import {
  describeBlobStoreContract,
  describeNovelTextStoreContract,
} from '@storyboard/domain/testing';
import { afterAll, beforeAll } from 'vitest';
import type { LocalStack } from '../start-local-stack';
import { startLocalStack } from '../start-local-stack';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack();
});
afterAll(async () => {
  await stack?.stop();
});

describeNovelTextStoreContract(
  'S3 on s3rver',
  () => new S3NovelTextStore({ client: stack.clients.s3, bucket: stack.resources.bucket }),
);

describeBlobStoreContract(
  'S3 on s3rver',
  () => new S3BlobStore({ client: stack.clients.s3, bucket: stack.resources.bucket }),
);
