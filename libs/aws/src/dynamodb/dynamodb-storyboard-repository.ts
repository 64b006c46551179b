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
import * as z from 'zod';
import {
  ArtifactMissingError,
  ChunkPlanSchema,
  FragmentSchema,
  SceneSchema,
} from '@storyboard/domain';
import type { BatchRetryOptions, DocumentClientLike, Item } from './dynamodb-table';
import { DynamoDbTable } from './dynamodb-table';
import {
  chunkIndexOf,
  chunkKey,
  jobPk,
  LAST_CHUNK_SK,
  planKey,
  scenePositionOf,
  sceneSk,
  storyboardKey,
} from './keys';
import { DEFAULT_OVERFLOW_THRESHOLD_BYTES, PayloadCodec } from './payload-codec';
import {
  DEFAULT_SCENE_PACK_CHARS,
  DynamoDbStoryboardWriter,
  mapLimit,
} from './dynamodb-storyboard-writer';
import type { StoryboardHeader } from './storyboard-header.schema';
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
  /** Characters of JSON per packed scene item (default 64 Ki). */
  scenePackChars?: number;
}

/** A packed scene item's payload: consecutive scenes in order. */
const ScenePackSchema = z.array(SceneSchema);

/** The storyboard's scene `scene` of chapter `chapter` is not where its header says. */
function missingScene(jobId: string, chapter: number, scene: number): ArtifactMissingError {
  return new ArtifactMissingError(
    `Scene ${scene} of chapter ${chapter} of job ${jobId}'s storyboard is missing.`,
  );
}

/** Scene payloads decoded at once (each may be an overflow read). */
const DECODE_CONCURRENCY = 16;

/**
 * Work in progress and finished storyboards under the job's partition `JOB#{jobId}`:
 * `PLAN`, `CHUNK#{i:05}` per fragment, and the storyboard as a header `STORYBOARD` plus
 * scene items, each a pack of consecutive scenes (in order, across chapters; ≤ 64 Ki
 * characters of JSON) keyed by its first scene `SCENE#{chapter:04}#{scene:04}` (scene =
 * position within the chapter, from 1) and listed in the header, read back by Query a page
 * of chapters at a time. Headers written before packing (no item list; one item per scene)
 * still read; code from before packing cannot read packed items (deploy readers first).
 * Payloads are JSON in `data`, or in the overflow store when larger than the threshold.
 *
 * No transactions: `saveStoryboard` writes the scenes first and the header last, and readers
 * trust only the header (its scene counts and item list), so a save interrupted half-way is
 * invisible and a repeated save converges. Scene items a shorter re-save no longer needs are deleted after
 * the header is written.
 */
export class DynamoDbStoryboardRepository implements StoryboardRepository {
  private readonly table: DynamoDbTable;
  private readonly codec: PayloadCodec;
  private readonly scenePackChars: number;

  constructor(options: DynamoDbStoryboardRepositoryOptions) {
    this.scenePackChars = options.scenePackChars ?? DEFAULT_SCENE_PACK_CHARS;
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

  async listFragmentIndexes(jobId: string, fromChunk = 0): Promise<number[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': jobPk(jobId),
        ':from': chunkKey(jobId, fromChunk).SK,
        ':to': LAST_CHUNK_SK,
      },
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
    return new DynamoDbStoryboardWriter(this.table, this.codec, jobId, this.scenePackChars);
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
    const chapters = header.items
      ? await this.readPackedChapters(jobId, header.chapters, header.items, chosen)
      : await this.readChapters(jobId, chosen);
    const { items: _items, ...fields } = header;
    const storyboard: Storyboard = { ...fields, chapters };
    const last = chosen[chosen.length - 1];
    return last && chosen.length < rest.length
      ? { storyboard, nextAfterChapter: last.index }
      : { storyboard };
  }

  /** The chosen chapters from scene items of the layout before packing (one item per
   * scene, a header without `items`). */
  private async readChapters(
    jobId: string,
    chosen: readonly StoryboardHeader['chapters'][number][],
  ): Promise<Chapter[]> {
    const scenes = await this.readScenes(jobId, chosen);
    return chosen.map(({ sceneCount, ...chapter }) => {
      const list: Scene[] = [];
      for (let i = 1; i <= sceneCount; i++) {
        const scene = scenes.get(sceneSk(chapter.index, i));
        if (!scene) throw missingScene(jobId, chapter.index, i);
        list.push(scene);
      }
      return { ...chapter, scenes: list };
    });
  }

  /**
   * The chosen chapters from packed scene items: the header's `items` say where each item
   * starts, so the items holding the chapters' scenes are known before reading; one Query
   * over their key range reads them (items in that range the header does not list are a
   * stale save's and are skipped).
   */
  private async readPackedChapters(
    jobId: string,
    all: StoryboardHeader['chapters'],
    starts: readonly [number, number][],
    chosen: StoryboardHeader['chapters'],
  ): Promise<Chapter[]> {
    // Each scene's ordinal in the whole storyboard, per chapter the ordinal of its first one.
    const firstOrdinal = new Map<number, number>();
    let total = 0;
    for (const c of all) {
      firstOrdinal.set(c.index, total);
      total += c.sceneCount;
    }
    const ordinalOf = ([chapter, scene]: readonly [number, number]): number =>
      (firstOrdinal.get(chapter) ?? Number.NaN) + scene - 1;
    const itemStarts = starts.map(ordinalOf);
    const needed = chosen.filter((c) => c.sceneCount > 0);
    const from = needed[0];
    const to = needed[needed.length - 1];
    const scenes = new Map<number, Scene>();
    if (from && to) {
      const lo = ordinalOf([from.index, 1]);
      const hi = ordinalOf([to.index, to.sceneCount]);
      // The items holding ordinals lo..hi: the last starting at or before lo, up to the last
      // starting at or before hi.
      let first = -1;
      let last = -1;
      itemStarts.forEach((start, i) => {
        if (start <= lo) first = i;
        if (start <= hi) last = i;
      });
      if (first < 0) throw missingScene(jobId, from.index, 1);
      const wanted = new Map<string, number>();
      for (let i = first; i <= last; i++) {
        wanted.set(sceneSk(...(starts[i] as [number, number])), i);
      }
      const items = await this.table.queryAll({
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': jobPk(jobId),
          ':from': sceneSk(...(starts[first] as [number, number])),
          ':to': sceneSk(...(starts[last] as [number, number])),
        },
        ConsistentRead: true,
      });
      const listed = items.filter((item) => wanted.has(String(item.SK)));
      const packs = await mapLimit(listed, DECODE_CONCURRENCY, (item: Item) =>
        this.codec.decode(item, ScenePackSchema, 'scenes'),
      );
      listed.forEach((item, n) => {
        const i = wanted.get(String(item.SK)) as number;
        const start = itemStarts[i] as number;
        const end = i + 1 < itemStarts.length ? (itemStarts[i + 1] as number) : total;
        const pack = packs[n] as Scene[];
        // A pack of the wrong length is not what the header listed: its scenes are missing.
        if (pack.length !== end - start) return;
        pack.forEach((scene, k) => scenes.set(start + k, scene));
      });
    }
    return chosen.map(({ sceneCount, ...chapter }) => {
      const base = firstOrdinal.get(chapter.index) as number;
      const list: Scene[] = [];
      for (let i = 1; i <= sceneCount; i++) {
        const scene = scenes.get(base + i - 1);
        if (!scene) throw missingScene(jobId, chapter.index, i);
        list.push(scene);
      }
      return { ...chapter, scenes: list };
    });
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
