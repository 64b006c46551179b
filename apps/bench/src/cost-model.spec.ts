import { expect, it } from 'vitest';
import type { MeasuredUsage } from './cost-model';
import { PRICE_TABLE, costOf, per1k } from './cost-model';

const usage = (over: Partial<MeasuredUsage>): MeasuredUsage => ({
  lambdaRequests: 0,
  lambdaGbSeconds: 0,
  apiRequests: [],
  awsRequests: [],
  stateTransitions: 0,
  tokens: { model: 'qwen-plus', promptTokens: 0, completionTokens: 0 },
  ...over,
});

it('bills SQS per 64 KB chunk, DynamoDB per KB written and 4 KB read, S3 by request class', () => {
  const { counts, breakdown } = costOf(
    usage({
      awsRequests: [
        { service: 'sqs', operation: 'SendMessage', requestBytes: 100, responseBytes: 50 },
        { service: 'sqs', operation: 'ReceiveMessage', requestBytes: 65 * 1024, responseBytes: 10 },
        { service: 'dynamodb', operation: 'PutItem', requestBytes: 2500, responseBytes: 2 },
        { service: 'dynamodb', operation: 'Query', requestBytes: 200, responseBytes: 9000 },
        { service: 'dynamodb', operation: 'DescribeTable', requestBytes: 20, responseBytes: 900 },
        { service: 's3', operation: 'PUT', requestBytes: 8000, responseBytes: 0 },
        { service: 's3', operation: 'GET', requestBytes: 0, responseBytes: 8000 },
      ],
      apiRequests: [{ bodyBytes: 0 }, { bodyBytes: 600 * 1024 }],
    }),
  );
  expect(counts).toEqual({
    sqsRequests: 3,
    dynamodbWriteUnits: 3,
    dynamodbReadUnits: 3,
    s3PutList: 1,
    s3Get: 1,
    apiGatewayRequests: 3,
    durableOperations: 0,
    durableBytesWritten: 0,
  });
  expect(breakdown.sqs).toBeCloseTo(3 * 0.4e-6, 12);
  expect(breakdown.dynamodb).toBeCloseTo(3 * 0.625e-6 + 3 * 0.125e-6, 12);
  expect(breakdown.apiGateway).toBeCloseTo(3e-6, 12);
});

it('bills Lambda per request and GB-second, Step Functions per transition, tokens at list price', () => {
  const { breakdown } = costOf(
    usage({
      lambdaRequests: 10,
      lambdaGbSeconds: 2,
      stateTransitions: 40,
      tokens: { model: 'qwen-plus', promptTokens: 1e6, completionTokens: 1e6 },
    }),
  );
  expect(breakdown.lambda).toBeCloseTo(10 * 0.2e-6 + 2 * 0.0000133334, 12);
  expect(breakdown.stepFunctions).toBeCloseTo(0.001, 12);
  expect(breakdown.modelStudio).toBeCloseTo(1.6, 9);
  expect(per1k(breakdown, 10).stepFunctions).toBeCloseTo(0.1, 9);
  for (const p of Object.values(PRICE_TABLE)) expect(p.source).toMatch(/^https:\/\//);
});

it('bills durable functions per operation and per GB of checkpoint data written and retained', () => {
  const { counts, breakdown } = costOf(
    usage({
      durableOperations: 1000,
      awsRequests: [
        {
          service: 'lambda',
          operation: 'CheckpointDurableExecution',
          requestBytes: 2e6,
          responseBytes: 10,
        },
        { service: 'lambda', operation: 'Invoke', requestBytes: 5e6, responseBytes: 10 },
      ],
    }),
  );
  expect(counts).toMatchObject({ durableOperations: 1000, durableBytesWritten: 2e6 });
  // 1000 × $8/M + 0.002 GB × $0.25 + 0.002 GB × 14/30 month × $0.15
  expect(breakdown.durable).toBeCloseTo(0.008 + 0.0005 + 0.002 * (14 / 30) * 0.15, 12);
  expect(breakdown.stepFunctions).toBe(0);
});
