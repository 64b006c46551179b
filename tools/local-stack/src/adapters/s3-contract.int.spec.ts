import { S3BlobStore, S3NovelTextStore } from '@storyboard/aws/s3';
import {
  describeBlobStoreContract,
  describeNovelTextStoreContract,
} from '@storyboard/domain/testing';

import { useLocalStack } from '../testing/use-local-stack';

const stack = useLocalStack();

describeNovelTextStoreContract(
  'S3 on s3rver',
  () => new S3NovelTextStore({ client: stack().clients.s3, bucket: stack().resources.bucket }),
);

describeBlobStoreContract(
  'S3 on s3rver',
  () => new S3BlobStore({ client: stack().clients.s3, bucket: stack().resources.bucket }),
);
