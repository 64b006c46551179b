import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { acknowledge, nagRef } from './nag-acknowledgements';

// Hand-written statements: CDK's grants add actions the code never calls (`s3:List*`,
// `s3:GetObject*`, DynamoDB stream reads, `dynamodb:ConditionCheckItem`...). Each list below is
// what libs/aws actually sends (Get/Put/Delete/Query/BatchWrite; GetObject/HeadObject/PutObject).

/** Items and queries of the single table: the actions of libs/aws/src/dynamodb. */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:Query',
] as const;

export function tableAccess(table: ITableV2, indexNames: readonly string[]): PolicyStatement[] {
  return [
    new PolicyStatement({ actions: [...TABLE_ACTIONS], resources: [table.tableArn] }),
    new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: indexNames.map((name) => `${table.tableArn}/index/${name}`),
    }),
  ];
}

export type ObjectAccess = 'read' | 'write';
const OBJECT_ACTIONS: Record<ObjectAccess, string> = {
  // GetObject also authorizes HeadObject (the text store's `size`).
  read: 's3:GetObject',
  write: 's3:PutObject',
};

/** Lets `role` read and/or write objects under one key prefix of the bucket, nothing else. */
export function grantObjects(
  role: IRole,
  bucket: Bucket,
  prefix: string,
  access: readonly ObjectAccess[],
): void {
  if (access.length === 0) return;
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: access.map((a) => OBJECT_ACTIONS[a]),
      resources: [bucket.arnForObjects(`${prefix}*`)],
    }),
  );
  const bucketRef = nagRef(bucket.node.defaultChild as CfnBucket).replace('>', '.Arn>');
  acknowledge(
    role,
    `AwsSolutions-IAM5[Resource::${bucketRef}/${prefix}*]`,
    `Object keys under ${prefix} are generated per novel and job; access is limited to that prefix and to the object actions the code calls.`,
  );
}

/** Starting a job attempt on any backend: enqueue (sqs), start an execution (stepfunctions),
 * invoke the durable function's `live` alias, and find and stop its executions (cancel). */
export function dispatchAccess(to: {
  queueArn: string;
  stateMachineArn: string;
  durableArn: string;
}): PolicyStatement[] {
  return [
    new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [to.queueArn] }),
    new PolicyStatement({ actions: ['states:StartExecution'], resources: [to.stateMachineArn] }),
    new PolicyStatement({
      actions: ['lambda:InvokeFunction'],
      resources: [`${to.durableArn}:live`],
    }),
    new PolicyStatement({
      actions: ['lambda:ListDurableExecutionsByFunction'],
      resources: [to.durableArn],
    }),
    new PolicyStatement({
      actions: ['lambda:StopDurableExecution'],
      resources: [`${to.durableArn}:live/durable-execution/*`],
    }),
  ];
}

/** Reading one secret's value (the Qwen API key). */
export const readSecretAccess = (secretArn: string): PolicyStatement =>
  new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secretArn] });
