import { PRICES as MODEL_PRICES, estimateCost } from '@storyboard/llm';
import type { CountedRequest } from './sim-stack/counting-proxy';

/** A list price with where and when it was read. `verified: false`: this machine cannot reach
 * the page; the figure is the published one as last known, to be re-checked there. */
export interface Price {
  usd: number;
  per: number;
  unit: string;
  source: string;
  checkedOn: string;
  verified: boolean;
}

const CHECKED_ON = '2026-12-02';
const price = (usd: number, per: number, unit: string, source: string): Price => ({
  usd,
  per,
  unit,
  source,
  checkedOn: CHECKED_ON,
  verified: false,
});

/** us-east-1 list prices, free tiers ignored. */
export const LAMBDA_ARM_GB_SECOND = price(
  0.0000133334,
  1,
  'GB-second (arm64)',
  'https://aws.amazon.com/lambda/pricing/',
);
export const LAMBDA_REQUESTS = price(
  0.2,
  1_000_000,
  'requests',
  'https://aws.amazon.com/lambda/pricing/',
);
export const SQS_REQUESTS = price(
  0.4,
  1_000_000,
  'requests (64 KB chunks; empty receives count)',
  'https://aws.amazon.com/sqs/pricing/',
);
export const SFN_STANDARD_TRANSITIONS = price(
  0.025,
  1_000,
  'state transitions (retries count)',
  'https://aws.amazon.com/step-functions/pricing/',
);
export const DYNAMODB_WRITE_UNITS = price(
  0.625,
  1_000_000,
  'write request units (1 KB)',
  'https://aws.amazon.com/dynamodb/pricing/on-demand/',
);
export const DYNAMODB_READ_UNITS = price(
  0.125,
  1_000_000,
  'read request units (4 KB, strongly consistent)',
  'https://aws.amazon.com/dynamodb/pricing/on-demand/',
);
export const S3_PUT_LIST = price(
  0.005,
  1_000,
  'PUT, COPY, POST, LIST requests',
  'https://aws.amazon.com/s3/pricing/',
);
export const S3_GET = price(
  0.0004,
  1_000,
  'GET and other requests',
  'https://aws.amazon.com/s3/pricing/',
);
export const HTTP_API_REQUESTS = price(
  1.0,
  1_000_000,
  'HTTP API requests (512 KB chunks)',
  'https://aws.amazon.com/api-gateway/pricing/',
);

/** Lambda durable functions (launched 2025-12): billed per durable operation (starting an
 * execution, each step, each child context such as a map and its items; a step retry is a
 * new attempt), per GB of checkpoint data written, and per GB-month retained, on top of the
 * function's own requests and GB-s. */
export const LAMBDA_DURABLE_OPERATIONS = price(
  8.0,
  1_000_000,
  'durable operations',
  'https://aws.amazon.com/lambda/pricing/ (Durable functions)',
);
export const LAMBDA_DURABLE_DATA_WRITTEN = price(
  0.25,
  1,
  'GB of checkpoint data written',
  'https://aws.amazon.com/lambda/pricing/ (Durable functions)',
);
export const LAMBDA_DURABLE_DATA_RETAINED = price(
  0.15,
  1,
  'GB-month of checkpoint data retained',
  'https://aws.amazon.com/lambda/pricing/ (Durable functions)',
);
/** Configured, like memory sizes: the CDK stack's durableConfig retentionPeriod (14 days). */
export const DURABLE_RETENTION_DAYS = 14;

/** Every price the model uses, for the report. */
export const PRICE_TABLE = {
  LAMBDA_ARM_GB_SECOND,
  LAMBDA_REQUESTS,
  SQS_REQUESTS,
  SFN_STANDARD_TRANSITIONS,
  DYNAMODB_WRITE_UNITS,
  DYNAMODB_READ_UNITS,
  S3_PUT_LIST,
  S3_GET,
  HTTP_API_REQUESTS,
  LAMBDA_DURABLE_OPERATIONS,
  LAMBDA_DURABLE_DATA_WRITTEN,
  LAMBDA_DURABLE_DATA_RETAINED,
  ...Object.fromEntries(MODEL_PRICES.map((p) => [`MODEL_STUDIO_${p.model}`, p])),
};

/** What a run measured, the inputs of the model. */
export interface MeasuredUsage {
  lambdaRequests: number;
  lambdaGbSeconds: number;
  apiRequests: { bodyBytes: number }[];
  awsRequests: readonly CountedRequest[];
  stateTransitions: number;
  /** Durable operations counted in the checkpoint store (0 off the durable backend). */
  durableOperations?: number;
  tokens: { model: string; promptTokens: number; completionTokens: number };
}

/** The services a job is billed by, in the order reports and charts list them. */
export const COST_SERVICES = [
  'lambda',
  'apiGateway',
  'sqs',
  'stepFunctions',
  'durable',
  'dynamodb',
  's3',
  'modelStudio',
] as const;

export type CostBreakdown = Record<(typeof COST_SERVICES)[number], number>;

export interface CostCounts {
  sqsRequests: number;
  dynamodbReadUnits: number;
  dynamodbWriteUnits: number;
  s3PutList: number;
  s3Get: number;
  apiGatewayRequests: number;
  durableOperations: number;
  /** Checkpoint payload bytes sent (CheckpointDurableExecution requests, as on the wire). */
  durableBytesWritten: number;
}

const cost = (p: Price, quantity: number) => (quantity * p.usd) / p.per;
const chunks = (bytes: number, size: number) => Math.max(1, Math.ceil(bytes / size));
const DDB_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);
const DDB_READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem']);

/** Units from the wire: a write costs 1 WRU per KB of request, a read 1 RRU per 4 KB of
 * answer (the JSON framing makes both slightly high); control-plane calls are free. */
export function countUnits(usage: MeasuredUsage): CostCounts {
  const counts: CostCounts = {
    sqsRequests: 0,
    dynamodbReadUnits: 0,
    dynamodbWriteUnits: 0,
    s3PutList: 0,
    s3Get: 0,
    apiGatewayRequests: 0,
    durableOperations: usage.durableOperations ?? 0,
    durableBytesWritten: 0,
  };
  for (const r of usage.awsRequests) {
    if (r.service === 'sqs') counts.sqsRequests += chunks(r.requestBytes, 64 * 1024);
    if (r.service === 'dynamodb' && DDB_WRITES.has(r.operation))
      counts.dynamodbWriteUnits += chunks(r.requestBytes, 1024);
    if (r.service === 'dynamodb' && DDB_READS.has(r.operation))
      counts.dynamodbReadUnits += chunks(r.responseBytes, 4096);
    if (r.service === 'lambda' && r.operation === 'CheckpointDurableExecution')
      counts.durableBytesWritten += r.requestBytes;
    if (r.service === 's3') {
      if (['PUT', 'POST', 'LIST'].includes(r.operation)) counts.s3PutList++;
      else if (r.operation !== 'DELETE') counts.s3Get++;
    }
  }
  for (const a of usage.apiRequests) counts.apiGatewayRequests += chunks(a.bodyBytes, 512 * 1024);
  return counts;
}

/** The run's cost in US dollars, by service. */
export function costOf(usage: MeasuredUsage): { breakdown: CostBreakdown; counts: CostCounts } {
  const counts = countUnits(usage);
  const breakdown: CostBreakdown = {
    lambda:
      cost(LAMBDA_REQUESTS, usage.lambdaRequests) +
      cost(LAMBDA_ARM_GB_SECOND, usage.lambdaGbSeconds),
    apiGateway: cost(HTTP_API_REQUESTS, counts.apiGatewayRequests),
    sqs: cost(SQS_REQUESTS, counts.sqsRequests),
    stepFunctions: cost(SFN_STANDARD_TRANSITIONS, usage.stateTransitions),
    durable:
      cost(LAMBDA_DURABLE_OPERATIONS, counts.durableOperations) +
      cost(LAMBDA_DURABLE_DATA_WRITTEN, counts.durableBytesWritten / 1e9) +
      cost(
        LAMBDA_DURABLE_DATA_RETAINED,
        (counts.durableBytesWritten / 1e9) * (DURABLE_RETENTION_DAYS / 30),
      ),
    dynamodb:
      cost(DYNAMODB_WRITE_UNITS, counts.dynamodbWriteUnits) +
      cost(DYNAMODB_READ_UNITS, counts.dynamodbReadUnits),
    s3: cost(S3_PUT_LIST, counts.s3PutList) + cost(S3_GET, counts.s3Get),
    modelStudio:
      usage.tokens.promptTokens + usage.tokens.completionTokens > 0
        ? estimateCost(usage.tokens.model, usage.tokens).usd
        : 0,
  };
  return { breakdown, counts };
}

/** Scales a breakdown to 1,000 jobs. */
export function per1k(breakdown: CostBreakdown, jobs: number): CostBreakdown {
  const f = jobs > 0 ? 1000 / jobs : 0;
  return Object.fromEntries(
    Object.entries(breakdown).map(([k, v]) => [k, v * f]),
  ) as unknown as CostBreakdown;
}
