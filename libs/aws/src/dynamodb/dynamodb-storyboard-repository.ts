import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type {
  BlobStore,
  Chapter,
  ChunkPlan,
  Fragment,
  Scene,
  Storyboard,
  StoryboardPage,
  StoryboardRepository,
  StoryboardWriter,
} from '@storyboard/domain';
import {
  ArtifactMissingError,
  ChunkPlanSchema,
  FragmentSchema,
  SceneSchema,
} from '@storyboard/domain';
import type { BatchRetryOptions, DocumentClientLike, Item } from './dynamodb-table';
import { DynamoDbTable } from './dynamodb-table';
import {
  CHUNK_PREFIX,
  chunkIndexOf,
  chunkKey,
  jobPk,
  planKey,
  scenePositionOf,
  sceneSk,
  storyboardKey,
} from './keys';
import { DEFAULT_OVERFLOW_THRESHOLD_BYTES, PayloadCodec } from './payload-codec';
import { DynamoDbStoryboardWriter, mapLimit } from './dynamodb-storyboard-writer';
import { StoryboardHeaderSchema } from './storyboard-header.schema';

export interface DynamoDbStoryboardRepositoryOptions {
  client: DynamoDBDocumentClient | DocumentClientLike;
  tableName: string;
  /** Where payloads too large for an item go (an `S3BlobStore` in production). */
  overflow: BlobStore;
  /** JSON bytes above which a payload overflows (default 300 KiB). */
  overflowThresholdBytes?: number;
  /** Retry of BatchWrite `UnprocessedItems`. */
  batchRetry?: BatchRetryOptions;
}

/** Scene payloads decoded at once (each may be an overflow read). */
const DECODE_CONCURRENCY = 16;

/**
 * Work in progress and finished storyboards under the job's partition `JOB#{jobId}`:
 * `PLAN`, `CHUNK#{i:05}` per fragment, and the storyboard as a header `STORYBOARD` plus one
 * item per scene `SCENE#{chapter:04}#{scene:04}` (scene = position within the chapter,
 * from 1), read back by Query a page of chapters at a time. Payloads are JSON in `data`, or
 * in the overflow store when larger than the threshold.
 *
 * No transactions: `saveStoryboard` writes the scenes first and the header last, and readers
 * trust only the header (its scene counts), so a save interrupted half-way is invisible and a
 * repeated save converges. Scene items a shorter re-save no longer needs are deleted after
 * the header is written.
 */
export class DynamoDbStoryboardRepository implements StoryboardRepository {
  private readonly table: DynamoDbTable;
  private readonly codec: PayloadCodec;

  constructor(options: DynamoDbStoryboardRepositoryOptions) {
    this.table = new DynamoDbTable(options.client, options.tableName, options.batchRetry);
    this.codec = new PayloadCodec(
      options.overflow,
      options.overflowThresholdBytes ?? DEFAULT_OVERFLOW_THRESHOLD_BYTES,
    );
  }

  async savePlan(plan: ChunkPlan): Promise<void> {
    await this.table.put(await this.codec.encode(planKey(plan.jobId), 'plan', plan));
  }

  async getPlan(jobId: string): Promise<ChunkPlan | undefined> {
    const item = await this.table.get(planKey(jobId));
    return item && this.codec.decode(item, ChunkPlanSchema, 'chunk plan');
  }

  async saveFragment(jobId: string, fragment: Fragment): Promise<void> {
    const key = chunkKey(jobId, fragment.chunkIndex);
    await this.table.put(await this.codec.encode(key, 'fragment', fragment));
  }

  async getFragment(jobId: string, chunkIndex: number): Promise<Fragment | undefined> {
    const item = await this.table.get(chunkKey(jobId, chunkIndex));
    return item && this.codec.decode(item, FragmentSchema, 'fragment');
  }

  async listFragmentIndexes(jobId: string): Promise<number[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': jobPk(jobId), ':prefix': CHUNK_PREFIX },
      ProjectionExpression: 'SK',
      ConsistentRead: true,
    });
    return items.map((item) => chunkIndexOf(String(item.SK))).sort((a, b) => a - b);
  }

  async saveStoryboard(jobId: string, storyboard: Storyboard): Promise<void> {
    const { chapters, ...rest } = storyboard;
    const writer = this.openStoryboard(jobId);
    for (const chapter of chapters) await writer.addChapter(chapter);
    await writer.finish(rest);
  }

  openStoryboard(jobId: string): StoryboardWriter {
    return new DynamoDbStoryboardWriter(this.table, this.codec, jobId);
  }

  async getStoryboard(
    jobId: string,
    page: { afterChapter?: number; limit?: number } = {},
  ): Promise<StoryboardPage | undefined> {
    const headerItem = await this.table.get(storyboardKey(jobId));
    if (!headerItem) return undefined;
    const header = await this.codec.decode(headerItem, StoryboardHeaderSchema, 'storyboard');

    const after = page.afterChapter ?? 0;
    const rest = header.chapters.filter((c) => c.index > after);
    const chosen = page.limit === undefined ? rest : rest.slice(0, page.limit);
    const scenes = await this.readScenes(jobId, chosen);

    const chapters: Chapter[] = chosen.map(({ sceneCount, ...chapter }) => {
      const list: Scene[] = [];
      for (let i = 1; i <= sceneCount; i++) {
        const scene = scenes.get(sceneSk(chapter.index, i));
        if (!scene) {
          throw new ArtifactMissingError(
            `Scene ${i} of chapter ${chapter.index} of job ${jobId}'s storyboard is missing.`,
          );
        }
        list.push(scene);
      }
      return { ...chapter, scenes: list };
    });
    const storyboard: Storyboard = { ...header, chapters };
    const last = chosen[chosen.length - 1];
    return last && chosen.length < rest.length
      ? { storyboard, nextAfterChapter: last.index }
      : { storyboard };
  }

  /** The scenes of the chosen chapters, by sort key: one Query over their key range. */
  private async readScenes(
    jobId: string,
    chapters: readonly { index: number; sceneCount: number }[],
  ): Promise<Map<string, Scene>> {
    const withScenes = chapters.filter((c) => c.sceneCount > 0).map((c) => c.index);
    if (withScenes.length === 0) return new Map();
    const items = await this.table.queryAll({
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': jobPk(jobId),
        ':from': sceneSk(Math.min(...withScenes), 0),
        ':to': sceneSk(Math.max(...withScenes), 9999),
      },
      ConsistentRead: true,
    });
    const wanted = new Map(chapters.map((c) => [c.index, c.sceneCount]));
    const relevant = items.filter((item) => {
      const [chapter, scene] = scenePositionOf(String(item.SK));
      return scene <= (wanted.get(chapter) ?? 0);
    });
    const decoded = await mapLimit(relevant, DECODE_CONCURRENCY, (item: Item) =>
      this.codec.decode(item, SceneSchema, 'scene'),
    );
    return new Map(relevant.map((item, i) => [String(item.SK), decoded[i] as Scene]));
  }
}
