import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Novel, NovelPage, NovelRepository } from '@storyboard/domain';
import { NovelSchema, ValidationError } from '@storyboard/domain';
import type { DocumentClientLike, Item } from './dynamodb-table';
import { ConditionFailed, DynamoDbTable } from './dynamodb-table';
import { novelGsi1, novelKey, novelsOfOwnerPk } from './keys';
import { GSI1 } from './table-definition';
import { parseStoredRow } from './parse-stored-row';

export interface DynamoDbNovelRepositoryOptions {
  client: DynamoDBDocumentClient | DocumentClientLike;
  tableName: string;
}

/**
 * Novels as items `USER#{ownerId}` / `NOVEL#{novelId}`: a read is by the caller's own key, so
 * one owner can never read another's novel. The base key sorts by id, not by time, so for
 * "newest first" each novel is also indexed on the overloaded GSI1 under `USER#{ownerId}` /
 * `NOVEL#{createdAt}#{novelId}`, read backwards. (GSIs are eventually consistent on AWS: a
 * novel saved a moment ago may be missing from a list for a moment; `get` is consistent.)
 */
export class DynamoDbNovelRepository implements NovelRepository {
  private readonly table: DynamoDbTable;

  constructor(options: DynamoDbNovelRepositoryOptions) {
    this.table = new DynamoDbTable(options.client, options.tableName);
  }

  async save(novel: Novel): Promise<void> {
    await this.table.put(toItem(novel));
  }

  /** One conditional UpdateItem: `latestJobKey` (`{createdAt}#{id}`) orders the jobs. */
  async recordLatestJob(
    ownerId: string,
    novelId: string,
    job: { id: string; createdAt: string },
  ): Promise<void> {
    try {
      await this.table.update(novelKey(ownerId, novelId), {
        expression: 'SET latestJobId = :id, latestJobKey = :key',
        condition:
          'attribute_exists(PK) AND (attribute_not_exists(latestJobKey) OR latestJobKey < :key)',
        values: { ':id': job.id, ':key': `${job.createdAt}#${job.id}` },
      });
    } catch (err) {
      // No novel, or a newer job is recorded already: nothing to do.
      if (!(err instanceof ConditionFailed)) throw err;
    }
  }

  async get(ownerId: string, novelId: string): Promise<Novel | undefined> {
    const item = await this.table.get(novelKey(ownerId, novelId));
    return item && fromItem(item);
  }

  async list(ownerId: string, options: { limit: number; cursor?: string }): Promise<NovelPage> {
    const { limit } = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new ValidationError(`limit must be an integer from 1 to 100, not ${limit}.`);
    }
    const startKey =
      options.cursor === undefined ? undefined : decodeCursor(ownerId, options.cursor);
    // One item more than asked tells whether another page exists, so the last page never
    // comes back empty with a cursor (which a plain Limit + LastEvaluatedKey would allow).
    const { items } = await this.table.query({
      IndexName: GSI1,
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': novelsOfOwnerPk(ownerId) },
      ScanIndexForward: false,
      Limit: limit + 1,
      ExclusiveStartKey: startKey,
    });
    const page = items.slice(0, limit).map(fromItem);
    const last = page[page.length - 1];
    if (items.length > limit && last) return { items: page, nextCursor: encodeCursor(last) };
    return { items: page };
  }
}

function toItem(novel: Novel): Item {
  return {
    ...novelKey(novel.ownerId, novel.id),
    ...novelGsi1(novel.ownerId, novel.createdAt, novel.id),
    entity: 'novel',
    ...novel,
  };
}

function fromItem(item: Item): Novel {
  return parseStoredRow(NovelSchema, item, 'novel');
}

/** The cursor names the last novel of a page (its time and id), never another owner's key:
 * the owner comes from the caller when the cursor is read back. */
function encodeCursor(novel: Novel): string {
  return Buffer.from(JSON.stringify({ c: novel.createdAt, i: novel.id })).toString('base64url');
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const CURSOR_ID = /^[A-Za-z0-9_-]{1,64}$/;

function decodeCursor(ownerId: string, cursor: string): Item {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (err) {
    throw new ValidationError('The cursor is not one this API returned.', { cause: err });
  }
  const { c, i } = (parsed ?? {}) as { c?: unknown; i?: unknown };
  // Only the shapes this repository writes: a forged cursor must never become an oversized
  // or foreign key for DynamoDB (which would answer ValidationException, a 500).
  if (typeof c !== 'string' || typeof i !== 'string' || !ISO_TIME.test(c) || !CURSOR_ID.test(i)) {
    throw new ValidationError('The cursor is not one this API returned.');
  }
  return { ...novelKey(ownerId, i), ...novelGsi1(ownerId, c, i) };
}
