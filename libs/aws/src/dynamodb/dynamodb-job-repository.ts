import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AnalysisJob, JobRepository, StalledJobsQuery } from '@storyboard/domain';
import {
  AnalysisJobSchema,
  JobAlreadyExistsError,
  JobNotFoundError,
  JobVersionConflictError,
} from '@storyboard/domain';
import type { DocumentClientLike, Item } from './dynamodb-table';
import { ConditionFailed, DynamoDbTable } from './dynamodb-table';
import { SWEEP_IDLE_PK, SWEEP_LEASE_PK, jobGsi1, jobGsi2, jobKey, jobsOfNovelPk } from './keys';
import { GSI1, GSI2 } from './table-definition';
import { parseStoredRow } from './parse-stored-row';

export interface DynamoDbJobRepositoryOptions {
  client: DynamoDBDocumentClient | DocumentClientLike;
  tableName: string;
}

/**
 * Jobs as items `JOB#{id}` / `META`, one attribute per field, indexed on GSI1 under
 * `NOVEL#{novelId}` / `JOB#{createdAt}#{id}`. `create` and `update` are conditional writes:
 * the version check happens in DynamoDB, so two concurrent updates cannot both win.
 * `get` reads with strong consistency; `listByNovel` reads GSI1, which on AWS is eventually
 * consistent (a job created a moment ago may be missing from the list for a moment).
 */
export class DynamoDbJobRepository implements JobRepository {
  private readonly table: DynamoDbTable;

  constructor(options: DynamoDbJobRepositoryOptions) {
    this.table = new DynamoDbTable(options.client, options.tableName);
  }

  async create(job: AnalysisJob): Promise<void> {
    try {
      await this.table.put(toItem(job), { expression: 'attribute_not_exists(PK)' });
    } catch (err) {
      if (err instanceof ConditionFailed) throw new JobAlreadyExistsError(job.id);
      throw err;
    }
  }

  async get(jobId: string): Promise<AnalysisJob | undefined> {
    const item = await this.table.get(jobKey(jobId));
    return item && fromItem(item);
  }

  async update(next: AnalysisJob, expectedVersion: number): Promise<void> {
    if (next.version <= expectedVersion)
      throw new JobVersionConflictError(next.id, expectedVersion);
    try {
      await this.table.put(toItem(next), {
        expression: 'attribute_exists(PK) AND #version = :expected',
        names: { '#version': 'version' },
        values: { ':expected': expectedVersion },
      });
    } catch (err) {
      if (!(err instanceof ConditionFailed)) throw err;
      // dynalite ignores ReturnValuesOnConditionCheckFailure, so read to tell the two apart.
      const current = await this.table.get(jobKey(next.id));
      if (!current) throw new JobNotFoundError(next.id);
      throw new JobVersionConflictError(next.id, expectedVersion);
    }
  }

  async listByNovel(novelId: string): Promise<AnalysisJob[]> {
    const items = await this.table.queryAll({
      IndexName: GSI1,
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': jobsOfNovelPk(novelId) },
      ScanIndexForward: false,
    });
    return items.map(fromItem);
  }

  /** Two queries of the sparse GSI2 (never a scan): leases ended before the bound, and
   * queued or leaseless jobs unchanged since theirs; merged oldest first. */
  async listStalled(query: StalledJobsQuery): Promise<AnalysisJob[]> {
    const page = (pk: string, before: string) =>
      this.table.query({
        IndexName: GSI2,
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK < :before',
        ExpressionAttributeValues: { ':pk': pk, ':before': before },
        Limit: query.limit,
      });
    const [leased, idle] = await Promise.all([
      page(SWEEP_LEASE_PK, query.leaseExpiredBefore),
      page(SWEEP_IDLE_PK, query.queuedBefore),
    ]);
    return [...leased.items, ...idle.items]
      .sort((a, b) => String(a.GSI2SK).localeCompare(String(b.GSI2SK)))
      .slice(0, query.limit)
      .map(fromItem);
  }
}

function toItem(job: AnalysisJob): Item {
  return {
    ...jobKey(job.id),
    ...jobGsi1(job.novelId, job.createdAt, job.id),
    ...jobGsi2(job),
    entity: 'job',
    ...job,
  };
}

/** Parsed with the domain's schema, so table-only attributes (keys, `entity`) never reach the
 * domain and a corrupt row is a `StorageCorruptError`, not a half-typed job. */
function fromItem(item: Item): AnalysisJob {
  return parseStoredRow(AnalysisJobSchema, item, 'job');
}
