import {
  DynamoDbJobRepository,
  DynamoDbNovelRepository,
  DynamoDbStoryboardRepository,
} from '@storyboard/aws/dynamodb';
import { S3BlobStore } from '@storyboard/aws/s3';
import {
  describeJobRepositoryContract,
  describeNovelRepositoryContract,
  describeStoryboardRepositoryContract,
} from '@storyboard/domain/testing';

import { useLocalStack } from '../testing/use-local-stack';

const stack = useLocalStack();

const table = () => ({ client: stack().clients.dynamodb, tableName: stack().resources.tableName });

describeJobRepositoryContract('DynamoDB on dynalite', () => new DynamoDbJobRepository(table()));
describeNovelRepositoryContract('DynamoDB on dynalite', () => new DynamoDbNovelRepository(table()));
describeStoryboardRepositoryContract(
  'DynamoDB on dynalite, overflow to S3 on s3rver',
  () =>
    new DynamoDbStoryboardRepository({
      ...table(),
      overflow: new S3BlobStore({ client: stack().clients.s3, bucket: stack().resources.bucket }),
    }),
);
