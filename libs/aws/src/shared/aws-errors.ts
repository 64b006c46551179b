/**
 * How the adapters read errors thrown by the AWS SDK v3 clients. Kept free of any one client's
 * types: SDK service exceptions carry a `name` (the error code), `$fault` and `$retryable`;
 * network failures are plain Node errors with a `code`.
 */

/** Error names that mean "slow down or try again", across DynamoDB, S3, SQS and Step Functions. */
const RETRYABLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
  'InternalServerError',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'KMSThrottlingException',
]);

/** Node network error codes: the endpoint is unreachable or dropped the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

const shape = (err: unknown): SdkErrorShape =>
  typeof err === 'object' && err !== null ? (err as SdkErrorShape) : {};

/** The SDK error name (its error code), e.g. `ConditionalCheckFailedException`. */
export function awsErrorName(err: unknown): string | undefined {
  const name = shape(err).name;
  return typeof name === 'string' ? name : undefined;
}

/** The HTTP status the service answered with, when there was an answer. */
export function awsHttpStatus(err: unknown): number | undefined {
  return shape(err).$metadata?.httpStatusCode;
}

/** True when trying the same call later may succeed: throttling, 5xx, timeouts, network. */
export function isRetryableAwsError(err: unknown): boolean {
  const e = shape(err);
  if (e.$retryable) return true;
  if (typeof e.name === 'string' && RETRYABLE_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  // An SDK "server" fault with no status is a response the client could not read.
  if (e.$fault === 'server') return true;
  const cause = err instanceof Error ? err.cause : undefined;
  return cause !== undefined && cause !== err && isRetryableAwsError(cause);
}

export function describeAwsError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
