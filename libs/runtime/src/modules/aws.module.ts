import { ContainerModule } from 'inversify';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DynamoDbJobRepository,
  DynamoDbNovelRepository,
  DynamoDbStoryboardRepository,
} from '@storyboard/aws/dynamodb';
import { S3BlobStore, S3NovelTextStore } from '@storyboard/aws/s3';
import { TOKENS } from '../tokens';

export interface AwsClients {
  dynamodb: DynamoDBDocumentClient;
  s3: S3Client;
  sqs: SQSClient;
  sfn: SFNClient;
  lambda: LambdaClient;
  /** Read only with GENERATOR=qwen and QWEN_SECRET_ARN; default: from the AWS environment. */
  secrets?: SecretsManagerClient;
}

/** SDK clients from the standard AWS environment (region, credentials and, locally,
 * `AWS_ENDPOINT_URL_*`). Created once per Lambda environment, outside the handler. */
export function createAwsClients(): AwsClients {
  return {
    dynamodb: DynamoDBDocumentClient.from(new DynamoDBClient({}), {
      marshallOptions: { removeUndefinedValues: true },
    }),
    s3: new S3Client({}),
    sqs: new SQSClient({}),
    sfn: new SFNClient({}),
    lambda: new LambdaClient({}),
  };
}

/** `STORAGE=aws`: jobs, novels and storyboards in one DynamoDB table, text in S3. */
export const awsStorageModule = (clients: AwsClients, tableName: string, bucket: string) =>
  new ContainerModule(({ bind }) => {
    const texts = new S3NovelTextStore({ client: clients.s3, bucket });
    bind(TOKENS.NovelTextStore).toConstantValue(texts);
    // The same store signs direct-upload URLs (CreateNovelUpload resolves it optionally).
    bind(TOKENS.UploadUrlSigner).toConstantValue(texts);
    bind(TOKENS.JobRepository).toConstantValue(
      new DynamoDbJobRepository({ client: clients.dynamodb, tableName }),
    );
    bind(TOKENS.NovelRepository).toConstantValue(
      new DynamoDbNovelRepository({ client: clients.dynamodb, tableName }),
    );
    // Payloads too large for an item overflow to the same bucket (`jobs/{id}/items/…`).
    const overflow = new S3BlobStore({ client: clients.s3, bucket });
    bind(TOKENS.StoryboardRepository).toConstantValue(
      new DynamoDbStoryboardRepository({ client: clients.dynamodb, tableName, overflow }),
    );
  });
