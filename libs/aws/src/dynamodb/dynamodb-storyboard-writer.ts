import type { Chapter, Storyboard, StoryboardWriter } from '@storyboard/domain';
import type { DynamoDbTable, WriteRequest } from './dynamodb-table';
import { BATCH_WRITE_LIMIT } from './dynamodb-table';
import { SCENE_PREFIX, jobPk, sceneKey, sceneSk, storyboardKey } from './keys';
import type { PayloadCodec } from './payload-codec';
import type { StoryboardHeader } from './storyboard-header.schema';

/** Batches of 25 scene items in flight at once. */
const BATCHES_IN_FLIGHT = 4;
/** Scene items encoded (compressed, maybe overflowed) at once. */
const ENCODE_CONCURRENCY = 8;
/** Characters of JSON a scene item holds at most (unless one scene alone is larger). One item
 * per scene cost 372 items for 西游记 (1,488 for × 4), each with its SDK marshalling, emulator
 * work and codec call; packs of 64 Ki characters make it 25 (102). */
export const DEFAULT_SCENE_PACK_CHARS = 64 * 1024;

/**
 * Writes a storyboard's scenes as chapters arrive, packed in order (across chapters) into
 * items of at most `packChars` characters of JSON (an array of scenes), each keyed by its
 * first scene `SCENE#{chapter:04}#{scene:04}`; in BatchWrite batches of 25 with at most 4
 * batches in flight (a chapter waits when they are all busy, so memory stays bounded), then
 * the header last, listing every item's start: readers trust only the header, so a write
 * interrupted half-way is invisible and a repeated one converges. Scene items an earlier,
 * longer save left behind are deleted after the header is written. Whether there can be any
 * is asked once, before this save writes a scene (a one-item Query): a job's first save finds
 * none and skips the Query over all its scene items (which reads, and on AWS bills, every
 * scene's bytes, only to find nothing to delete).
 *
 * Code from before packing reads each scene item as one scene, so it cannot read what this
 * writes (deploy the readers first); this code still reads the old layout (no `items`).
 */
export class DynamoDbStoryboardWriter implements StoryboardWriter {
  private readonly chapters: StoryboardHeader['chapters'] = [];
  private readonly starts: [number, number][] = [];
  private readonly wanted = new Set<string>();
  /** The pack being filled: its first scene's position and its scenes' JSON. */
  private pack: { start: [number, number]; json: string[]; chars: number } | undefined;
  private buffer: WriteRequest[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;
  /** Whether scene items of this job existed before this save wrote any. */
  private earlierScenes: Promise<boolean> | undefined;

  constructor(
    private readonly table: DynamoDbTable,
    private readonly codec: PayloadCodec,
    private readonly jobId: string,
    private readonly packChars: number = DEFAULT_SCENE_PACK_CHARS,
  ) {}

  async addChapter(chapter: Chapter): Promise<void> {
    await this.sceneItemsBefore();
    const { scenes, ...meta } = chapter;
    this.chapters.push({ ...meta, sceneCount: scenes.length });
    const full: NonNullable<DynamoDbStoryboardWriter['pack']>[] = [];
    scenes.forEach((scene, i) => {
      const json = JSON.stringify(scene);
      // `[`, `]` and a comma per scene besides the scenes' own JSON.
      if (this.pack && this.pack.chars + json.length + 1 > this.packChars) {
        full.push(this.pack);
        this.pack = undefined;
      }
      this.pack ??= { start: [chapter.index, i + 1], json: [], chars: 1 };
      this.pack.json.push(json);
      this.pack.chars += json.length + 1;
    });
    await this.enqueue(full);
  }

  async finish(rest: Omit<Storyboard, 'chapters'>): Promise<void> {
    const earlier = await this.sceneItemsBefore();
    if (this.pack) await this.enqueue([this.pack]);
    this.pack = undefined;
    if (this.buffer.length) await this.send(this.buffer.splice(0));
    await Promise.all(this.inFlight);
    this.throwIfFailed();
    const header: StoryboardHeader = { ...rest, chapters: this.chapters, items: this.starts };
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

  /** Encodes full packs and sends them in batches of 25 as the buffer fills. */
  private async enqueue(packs: readonly NonNullable<DynamoDbStoryboardWriter['pack']>[]) {
    const items = await mapLimit(packs, ENCODE_CONCURRENCY, (pack) => {
      const key = sceneKey(this.jobId, ...pack.start);
      return this.codec.encodeJson(key, 'scenes', `[${pack.json.join(',')}]`);
    });
    for (const pack of packs) {
      this.starts.push(pack.start);
      this.wanted.add(sceneSk(...pack.start));
    }
    for (const item of items) this.buffer.push({ PutRequest: { Item: item } });
    while (this.buffer.length >= BATCH_WRITE_LIMIT) {
      await this.send(this.buffer.splice(0, BATCH_WRITE_LIMIT));
    }
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
