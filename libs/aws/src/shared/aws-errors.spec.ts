import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-dynamodb';
import { NoSuchKey } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { isRetryableAwsError } from './aws-errors';

describe('isRetryableAwsError', () => {
  it('retries throttling, 5xx and network failures', () => {
    expect(
      isRetryableAwsError(
        new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }),
      ),
    ).toBe(true);
    expect(
      isRetryableAwsError(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } })),
    ).toBe(true);
    expect(
      isRetryableAwsError(
        Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
  });

  it('does not retry client errors', () => {
    expect(
      isRetryableAwsError(
        new ConditionalCheckFailedException({ message: 'no', $metadata: { httpStatusCode: 400 } }),
      ),
    ).toBe(false);
    expect(
      isRetryableAwsError(new NoSuchKey({ message: 'none', $metadata: { httpStatusCode: 404 } })),
    ).toBe(false);
    expect(isRetryableAwsError(new Error('plain'))).toBe(false);
  });
});
