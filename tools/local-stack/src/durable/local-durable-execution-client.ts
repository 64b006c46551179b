import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  DurableExecutionClient,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from '@aws/durable-execution-sdk-js';
import {
  DurableExecutionClientError,
  DurableExecutionClientErrorScope,
} from '@aws/durable-execution-sdk-js';
import type { DurableExecutionStore } from './durable-execution-store';
import { DurableServiceError } from './durable-execution-store';

/**
 * The SDK's pluggable transport (`withDurableExecution(handler, { durableExecutionClient })`)
 * over the local checkpoint store instead of the Lambda durable-execution APIs. A rejected
 * call ends only the current invocation (a stale token means a newer invocation or a stop
 * took over; an unknown execution cannot be fixed by retrying either, but ending the
 * invocation is enough: nothing re-invokes it).
 */
export class LocalDurableExecutionClient implements DurableExecutionClient {
  constructor(private readonly store: DurableExecutionStore) {}

  async getExecutionState(
    params: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    return this.call(() =>
      this.store.statePage(params.DurableExecutionArn ?? '', params.Marker, params.MaxItems),
    );
  }

  async checkpoint(
    params: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    return this.call(() => ({
      CheckpointToken: params.CheckpointToken,
      NewExecutionState: {
        Operations: this.store.checkpoint(
          params.DurableExecutionArn ?? '',
          params.CheckpointToken,
          params.Updates ?? [],
        ),
      },
    }));
  }

  private async call<T>(fn: () => T): Promise<T> {
    // Never answer synchronously: the real transport is a network round trip, and the SDK's
    // checkpoint queue relies on other work getting a turn in between.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      return fn();
    } catch (err) {
      if (err instanceof DurableServiceError) {
        throw new DurableExecutionClientError(err.message, {
          scope: DurableExecutionClientErrorScope.INVOCATION,
          cause: err,
        });
      }
      throw err;
    }
  }
}
