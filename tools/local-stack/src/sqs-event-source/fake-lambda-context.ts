import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface FakeLambdaContextOptions {
  functionName?: string;
  /** The function's timeout: `getRemainingTimeInMillis()` counts down from it (default 30 s). */
  timeoutMs?: number;
  memoryLimitInMB?: number;
  region?: string;
  accountId?: string;
}

/** A Lambda `context` for a local invocation, with a real countdown for time budgets. */
export function fakeLambdaContext(options: FakeLambdaContextOptions = {}): Context {
  const functionName = options.functionName ?? 'local-function';
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const unsupported = (): never => {
    throw new Error('Callback-style Lambda completion is not supported: return a promise.');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
