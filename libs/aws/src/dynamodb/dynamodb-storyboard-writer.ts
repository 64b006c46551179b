import type { Chapter, Storyboard, StoryboardWriter } from '@storyboard/domain';
import type { DynamoDbTable, WriteRequest } from './dynamodb-table';
import { BATCH_WRITE_LIMIT } from './dynamodb-table';
import { SCENE_PREFIX, jobPk, sceneKey, storyboardKey } from './keys';
import type { PayloadCodec } from './payload-codec';
import type { StoryboardHeader } from './storyboard-header.schema';

/** Batches of 25 scene items in flight at once. */
const BATCHES_IN_FLIGHT = 4;
/** Scene payloads encoded (compressed, maybe overflowed) at once. */
const ENCODE_CONCURRENCY = 8;

/**
 * Writes a storyboard's scene items as chapters arrive, in BatchWrite batches of 25 with at
 * most 4 batches in flight (a chapter waits when they are all busy, so memory stays bounded),
 * then the header last: readers trust only the header's scene counts, so a write interrupted
 * half-way is invisible and a repeated one converges. Scene items an earlier, longer save
 * left behind are deleted after the header is written. Whether there can be any is asked
 * once, before this save writes a scene (a one-item Query): a job's first save finds none
 * and skips the Query over all its scene items (which reads, and on AWS bills, every
 * scene's bytes, only to find nothing to delete).
 */
export class DynamoDbStoryboardWriter implements StoryboardWriter {
  private readonly chapters: StoryboardHeader['chapters'] = [];
  private readonly wanted = new Set<string>();
  private buffer: WriteRequest[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;
  /** Whether scene items of this job existed before this save wrote any. */
  private earlierScenes: Promise<boolean> | undefined;

  constructor(
    private readonly table: DynamoDbTable,
    private readonly codec: PayloadCodec,
    private readonly jobId: string,
  ) {}

  async addChapter(chapter: Chapter): Promise<void> {
    await this.sceneItemsBefore();
    const { scenes, ...meta } = chapter;
    this.chapters.push({ ...meta, sceneCount: scenes.length });
    const keys = scenes.map((_, i) => sceneKey(this.jobId, chapter.index, i + 1));
    for (const key of keys) this.wanted.add(key.SK);
    const items = await mapLimit(scenes, ENCODE_CONCURRENCY, (scene, i) =>
      this.codec.encode(keys[i] as (typeof keys)[number], 'scene', scene),
    );
    for (const item of items) this.buffer.push({ PutRequest: { Item: item } });
    while (this.buffer.length >= BATCH_WRITE_LIMIT) {
      await this.send(this.buffer.splice(0, BATCH_WRITE_LIMIT));
    }
  }

  async finish(rest: Omit<Storyboard, 'chapters'>): Promise<void> {
    const earlier = await this.sceneItemsBefore();
    if (this.buffer.length) await this.send(this.buffer.splice(0));
    await Promise.all(this.inFlight);
    this.throwIfFailed();
    const header: StoryboardHeader = { ...rest, chapters: this.chapters };
    await this.table.put(await this.codec.encode(storyboardKey(this.jobId), 'storyboard', header));
    if (!earlier) return;

    const existing = await this.table.queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': jobPk(this.jobId), ':prefix': SCENE_PREFIX },
      ProjectionExpression: 'PK, SK',
      ConsistentRead: true,
    });
    const stale = existing.filter((item) => !this.wanted.has(String(item.SK)));
    await this.table.batchWrite(
      stale.map((item) => ({
        DeleteRequest: { Key: { PK: String(item.PK), SK: String(item.SK) } },
      })),
    );
  }

  /** Asks once, before the first scene write, whether the job has scene items already. */
  private sceneItemsBefore(): Promise<boolean> {
    this.earlierScenes ??= this.table
      .query({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': jobPk(this.jobId), ':prefix': SCENE_PREFIX },
        ProjectionExpression: 'PK, SK',
        ConsistentRead: true,
        Limit: 1,
      })
      .then((page) => page.items.length > 0);
    return this.earlierScenes;
  }

  /** Starts writing one batch, first waiting while the maximum is in flight. */
  private async send(batch: WriteRequest[]): Promise<void> {
    while (this.inFlight.size >= BATCHES_IN_FLIGHT) await Promise.race(this.inFlight);
    this.throwIfFailed();
    const write: Promise<void> = this.table
      .batchWrite(batch)
      .catch((error: unknown) => {
        // Kept and thrown by the next addChapter or finish: the caller sees the first one.
        this.failure ??= { error };
      })
      .finally(() => this.inFlight.delete(write));
    this.inFlight.add(write);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

/** `fn` over every item, at most `limit` at once; results in the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
