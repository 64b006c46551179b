import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { StorageUnavailableError } from '@storyboard/domain';
import { awsErrorName, describeAwsError, isRetryableAwsError } from '../shared/aws-errors';
import { backoffDelayMs, sleep } from '../shared/backoff';
import type { TableKey } from './keys';

/** What the repositories need of a document client: only `send`, so a test can wrap one. */
export type DocumentClientLike = Pick<DynamoDBDocumentClient, 'send'>;

export type Item = Record<string, unknown>;

export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: TableKey } };

export interface BatchRetryOptions {
  /** Calls per batch of 25 before giving up with `StorageUnavailableError` (default 8). */
  maxAttempts?: number;
  /** First backoff ceiling in ms, doubled per attempt (default 50). */
  baseDelayMs?: number;
  /** Largest backoff in ms (default 2000). */
  maxDelayMs?: number;
}

/** DynamoDB's limit of requests per BatchWriteItem call. */
export const BATCH_WRITE_LIMIT = 25;
/** Batches of 25 written at the same time. */
const BATCH_CONCURRENCY = 4;

/** Thrown by `put` when its condition does not hold; repositories turn it into domain errors. */
export class ConditionFailed extends Error {
  override readonly name = 'ConditionFailed';
}

/**
 * One DynamoDB table seen through a document client: every call maps throttling and network
 * failures to `StorageUnavailableError` (retryable) and leaves other errors as they are.
 */
export class DynamoDbTable {
  private readonly batchRetry: Required<BatchRetryOptions>;

  constructor(
    private readonly client: DocumentClientLike,
    readonly tableName: string,
    batchRetry: BatchRetryOptions = {},
  ) {
    this.batchRetry = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 2000, ...batchRetry };
  }

  /** The item, read with strong consistency, or `undefined`. */
  async get(key: TableKey): Promise<Item | undefined> {
    const out = await this.call(() =>
      this.client.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
      ),
    );
    return out.Item;
  }

  /** Puts the item; with a condition, throws `ConditionFailed` when it does not hold. */
  async put(
    item: Item,
    condition?: {
      expression: string;
      names?: Record<string, string>;
      values?: Record<string, unknown>;
    },
  ): Promise<void> {
    await this.conditional(() =>
      this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: condition?.expression,
          ExpressionAttributeNames: condition?.names,
          ExpressionAttributeValues: condition?.values,
        }),
      ),
    );
  }

  /** Updates attributes of an existing item; throws `ConditionFailed` when `condition` does
   * not hold. */
  async update(
    key: TableKey,
    update: {
      expression: string;
      condition?: string;
      names?: Record<string, string>;
      values?: Record<string, unknown>;
    },
  ): Promise<void> {
    await this.conditional(() =>
      this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: update.expression,
          ConditionExpression: update.condition,
          ExpressionAttributeNames: update.names,
          ExpressionAttributeValues: update.values,
        }),
      ),
    );
  }

  /** Runs a conditional write; a condition that did not hold becomes `ConditionFailed`. */
  private async conditional(send: () => Promise<unknown>): Promise<void> {
    try {
      await this.call(send);
    } catch (err) {
      if (awsErrorName(err) === 'ConditionalCheckFailedException') {
        throw new ConditionFailed('The condition of the write did not hold.', { cause: err });
      }
      throw err;
    }
  }

  async delete(key: TableKey): Promise<void> {
    await this.call(() =>
      this.client.send(new DeleteCommand({ TableName: this.tableName, Key: key })),
    );
  }

  /** Every item the query matches, following `LastEvaluatedKey` page by page. */
  async queryAll(
    input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const out = await this.query({ ...input, ExclusiveStartKey: startKey });
      items.push(...out.items);
      startKey = out.lastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** One page of a query. */
  async query(
    input: Omit<QueryCommandInput, 'TableName'>,
  ): Promise<{ items: Item[]; lastEvaluatedKey?: Item }> {
    const out = await this.call(() =>
      this.client.send(new QueryCommand({ ...input, TableName: this.tableName })),
    );
    return { items: out.Items ?? [], lastEvaluatedKey: out.LastEvaluatedKey };
  }

  /**
   * Writes every request in batches of 25, resending `UnprocessedItems` with capped
   * exponential backoff. Not atomic: after a failure some requests may have been applied, so
   * callers write idempotent items and their "done" marker last.
   */
  async batchWrite(requests: readonly WriteRequest[]): Promise<void> {
    const batches: WriteRequest[][] = [];
    for (let i = 0; i < requests.length; i += BATCH_WRITE_LIMIT) {
      batches.push(requests.slice(i, i + BATCH_WRITE_LIMIT));
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < batches.length) {
        const batch = batches[next++];
        if (batch) await this.writeBatch(batch);
      }
    };
    await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, batches.length) }, worker));
  }

  private async writeBatch(batch: WriteRequest[]): Promise<void> {
    const { maxAttempts, baseDelayMs, maxDelayMs } = this.batchRetry;
    let pending: WriteRequest[] = batch;
    for (let attempt = 1; ; attempt++) {
      const out = await this.call(() =>
        this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } })),
      );
      pending = (out.UnprocessedItems?.[this.tableName] ?? []) as WriteRequest[];
      if (pending.length === 0) return;
      if (attempt >= maxAttempts) {
        throw new StorageUnavailableError(
          `DynamoDB left ${pending.length} of ${batch.length} writes unprocessed after ${attempt} attempts.`,
        );
      }
      await sleep(backoffDelayMs(attempt, baseDelayMs, maxDelayMs));
    }
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isRetryableAwsError(err)) {
        throw new StorageUnavailableError(`DynamoDB is unavailable: ${describeAwsError(err)}`, {
          cause: err,
        });
      }
      throw err;
    }
  }
}
