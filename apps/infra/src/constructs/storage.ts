import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Attribute, GlobalSecondaryIndexPropsV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  AttributeType,
  Billing,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { tableDefinition } from '@storyboard/aws/dynamodb';
import { acknowledge } from '../nag-acknowledgements';

export interface StorageProps {
  prod: boolean;
  /** Origins a browser may PUT a presigned upload from. */
  uploadOrigins: string[];
  /** Days after which chunk texts (`chunks/`) are deleted. */
  chunkTextExpiryDays: number;
}

/** S3 prefixes the code writes: novel texts and chunk texts (libs/domain novel.ts), storyboard
 * items too large for DynamoDB (libs/aws payload-codec.ts `jobs/{jobId}/items/`). */
export const NOVEL_PREFIX = 'novels/';
export const CHUNK_PREFIX = 'chunks/';
export const JOB_PREFIX = 'jobs/';

/**
 * The single DynamoDB table and the text bucket. The table's keys and indexes are read from
 * `tableDefinition` in libs/aws (what the local stack creates), so an index added there
 * (e.g. the sweeper's) is deployed with no change here.
 */
export class Storage extends Construct {
  readonly table: TableV2;
  readonly bucket: Bucket;
  /** Index names, for Query grants on `<table>/index/<name>`. */
  readonly indexNames: string[];

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const definition = tableDefinition('unused');
    const removalPolicy = props.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const { partitionKey, sortKey, globalSecondaryIndexes } = tableKeysFrom(definition);
    this.indexNames = globalSecondaryIndexes.map((i) => i.indexName);
    this.table = new TableV2(this, 'Table', {
      partitionKey,
      sortKey,
      globalSecondaryIndexes,
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.prod,
      removalPolicy,
    });
    this.bucket = new Bucket(this, 'Texts', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy,
      cors: [
        {
          // The presigned upload: a browser PUTs the novel's bytes straight to S3.
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: props.uploadOrigins,
          allowedHeaders: ['content-type', 'content-length'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        // An upload that never finished leaves parts that are billed but invisible.
        {
          id: 'abandoned-multipart-uploads',
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        // Chunk texts are a working copy of the novel for the chunk steps; the storyboard
        // keeps no reference to them. A job retried after this finds them gone and fails.
        {
          id: 'chunk-texts',
          prefix: CHUNK_PREFIX,
          expiration: Duration.days(props.chunkTextExpiryDays),
        },
      ],
    });
    acknowledge(
      this.bucket,
      'AwsSolutions-S1',
      'Objects are written and read only by this stack’s functions (every request is in their logs with the jobId) and by presigned PUTs the API issues; CloudTrail S3 data events are the audit trail to enable if required, without a second bucket to run.',
    );
  }
}

type KeyType = 'S' | 'N' | 'B';
const ATTRIBUTE_TYPES: Record<KeyType, AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
};

/** The CDK key and index definitions equal to a CreateTable input. */
export function tableKeysFrom(definition: CreateTableCommandInput): {
  partitionKey: Attribute;
  sortKey?: Attribute;
  globalSecondaryIndexes: GlobalSecondaryIndexPropsV2[];
} {
  const attribute = (name: string | undefined): Attribute => {
    const def = definition.AttributeDefinitions?.find((a) => a.AttributeName === name);
    if (!name || !def?.AttributeType) throw new Error(`No attribute definition for ${name}.`);
    return { name, type: ATTRIBUTE_TYPES[def.AttributeType as KeyType] };
  };
  const keys = (schema: CreateTableCommandInput['KeySchema']) => {
    const hash = schema?.find((k) => k.KeyType === 'HASH')?.AttributeName;
    const range = schema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
    return { partitionKey: attribute(hash), sortKey: range ? attribute(range) : undefined };
  };
  const globalSecondaryIndexes = (definition.GlobalSecondaryIndexes ?? []).map((gsi) => {
    if (!gsi.IndexName) throw new Error('A global secondary index has no name.');
    const projection = gsi.Projection?.ProjectionType ?? 'ALL';
    return {
      indexName: gsi.IndexName,
      ...keys(gsi.KeySchema),
      projectionType: ProjectionType[projection as keyof typeof ProjectionType],
      ...(projection === 'INCLUDE' ? { nonKeyAttributes: gsi.Projection?.NonKeyAttributes } : {}),
    };
  });
  return { ...keys(definition.KeySchema), globalSecondaryIndexes };
}
