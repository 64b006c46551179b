import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoDbThrottle {
  /** From now on every call fails as DynamoDB throttling does. */
  on(): void;
  off(): void;
  readonly active: boolean;
  /** Calls refused so far. */
  readonly rejected: number;
}

/**
 * Fault injection at the SDK client: a middleware that, while on, fails every call with
 * `ProvisionedThroughputExceededException` before it is sent (so the SDK's own retries do not
 * hide it), as a DynamoDB table throttled for longer than the SDK retries does.
 */
export function throttleDynamoDb(client: DynamoDBDocumentClient): DynamoDbThrottle {
  let active = false;
  let rejected = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      if (active) {
        rejected++;
        throw Object.assign(
          new Error('The level of configured provisioned throughput was exceeded (injected).'),
          { name: 'ProvisionedThroughputExceededException', $fault: 'client', $metadata: {} },
        );
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectedThrottle' },
  );
  return {
    on: () => (active = true),
    off: () => (active = false),
    get active() {
      return active;
    },
    get rejected() {
      return rejected;
    },
  };
}

/** Polls `condition` every 50 ms until it holds (or `timeoutMs` passes, which throws). */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
