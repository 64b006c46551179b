import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import type { BatchWriteCommandOutput, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient as DocClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  DynamoDbJobRepository,
  DynamoDbNovelRepository,
  DynamoDbStoryboardRepository,
  overflowKeyOf,
} from '@storyboard/aws/dynamodb';
import type { DocumentClientLike } from '@storyboard/aws/dynamodb';
import { S3BlobStore } from '@storyboard/aws/s3';
import { StorageUnavailableError, ValidationError } from '@storyboard/domain';
import { aFragment, aJob, aNovel, aStoryboard, uniqueId } from '@storyboard/domain/testing';
import { describe, expect, it } from 'vitest';
import { sceneKeys } from '../testing/scene-keys';
import { useLocalStack } from '../testing/use-local-stack';

const stack = useLocalStack();

/** Text that does not compress: payloads stay as large as they are written. */
const incompressible = (bytes: number) =>
  randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64');

/** A fragment whose JSON is about `bytes` long even after compression. */
function aLargeFragment(chunkIndex: number, bytes: number) {
  const fragment = aFragment(chunkIndex);
  const panel = fragment.sections[0]?.scenes[0]?.panels[0];
  if (panel) panel.description = incompressible(bytes);
  return fragment;
}

const overflow = () =>
  new S3BlobStore({ client: stack().clients.s3, bucket: stack().resources.bucket });

/** A document client that lets DynamoDB process only part of each BatchWrite for the first
 * `partialCalls` calls (or always, with Infinity), answering the rest as UnprocessedItems,
 * the way DynamoDB does under load. Everything else goes to dynalite untouched. */
function withUnprocessedItems(real: DynamoDBDocumentClient, partialCalls: number) {
  const calls = { batchWrites: 0, unprocessed: 0 };
  const client: DocumentClientLike = {
    send: (async (command: unknown, options?: unknown) => {
      if (!(command instanceof BatchWriteCommand) || calls.batchWrites >= partialCalls) {
        if (command instanceof BatchWriteCommand) calls.batchWrites++;
        return real.send(command as never, options as never);
      }
      calls.batchWrites++;
      const [[table, requests = []]] = Object.entries(command.input.RequestItems ?? {}) as [
        [string, unknown[]],
      ];
      const keep = partialCalls === Infinity ? 0 : Math.ceil(requests.length / 2);
      if (keep > 0) {
        await real.send(
          new BatchWriteCommand({ RequestItems: { [table]: requests.slice(0, keep) as never } }),
        );
      }
      calls.unprocessed += requests.length - keep;
      return {
        $metadata: {},
        UnprocessedItems: { [table]: requests.slice(keep) },
      } as unknown as BatchWriteCommandOutput;
    }) as DynamoDBDocumentClient['send'],
  };
  return { client, calls };
}

async function rawItem(pk: string, sk: string) {
  const out = await stack().clients.dynamodb.send(
    new GetCommand({ TableName: stack().resources.tableName, Key: { PK: pk, SK: sk } }),
  );
  return out.Item;
}

/** A storyboard whose chapters have these many scenes (copies of one builder scene). */
function withSceneCounts(counts: number[]) {
  const storyboard = aStoryboard(counts.length);
  const scene = storyboard.chapters[0]?.scenes[0];
  if (!scene) throw new Error('aStoryboard has no scene');
  storyboard.chapters.forEach((chapter, i) => {
    chapter.scenes = Array.from({ length: counts[i] ?? 0 }, (_, k) => ({ ...scene, index: k + 1 }));
  });
  return storyboard;
}

describe('DynamoDbStoryboardRepository on dynalite', () => {
  it('resends BatchWrite UnprocessedItems until every scene is written', async () => {
    const { client, calls } = withUnprocessedItems(stack().clients.dynamodb, 3);
    const repo = new DynamoDbStoryboardRepository({
      client,
      tableName: stack().resources.tableName,
      overflow: overflow(),
      batchRetry: { baseDelayMs: 1, maxDelayMs: 5 },
      scenePackChars: 1,
    });
    const jobId = uniqueId('job');
    const storyboard = aStoryboard(60);
    await repo.saveStoryboard(jobId, storyboard);
    expect(calls.unprocessed).toBeGreaterThan(0);
    expect((await repo.getStoryboard(jobId))?.storyboard).toEqual(storyboard);
  });

  it('gives up with StorageUnavailableError when items stay unprocessed', async () => {
    const { client } = withUnprocessedItems(stack().clients.dynamodb, Infinity);
    const repo = new DynamoDbStoryboardRepository({
      client,
      tableName: stack().resources.tableName,
      overflow: overflow(),
      batchRetry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    await expect(repo.saveStoryboard(uniqueId('job'), aStoryboard(2))).rejects.toBeInstanceOf(
      StorageUnavailableError,
    );
  });

  it('keeps a small fragment inline and moves a large one to the overflow store', async () => {
    const store = overflow();
    const repo = new DynamoDbStoryboardRepository({
      client: stack().clients.dynamodb,
      tableName: stack().resources.tableName,
      overflow: store,
    });
    const jobId = uniqueId('job');
    await repo.saveFragment(jobId, aFragment(0));
    const large500k = aLargeFragment(1, 500 * 1024);
    await repo.saveFragment(jobId, large500k);
    const small = await rawItem(`JOB#${jobId}`, 'CHUNK#00000');
    const large = await rawItem(`JOB#${jobId}`, 'CHUNK#00001');
    expect(typeof small?.data).toBe('string');
    expect(small?.overflowKey).toBeUndefined();
    expect(large?.data).toBeUndefined();
    expect(large?.overflowKey).toBe(overflowKeyOf({ PK: `JOB#${jobId}`, SK: 'CHUNK#00001' }));
    expect((await store.get(String(large?.overflowKey)))?.byteLength).toBeGreaterThan(300 * 1024);
    expect(await repo.getFragment(jobId, 1)).toEqual(large500k);
  });

  it('stores a mid-size fragment compressed in the item and still reads gzip and uncompressed rows', async () => {
    const store = overflow();
    const repo = new DynamoDbStoryboardRepository({
      client: stack().clients.dynamodb,
      tableName: stack().resources.tableName,
      overflow: store,
    });
    const jobId = uniqueId('job');
    const compressible = aFragment(0, 600 * 1024);
    await repo.saveFragment(jobId, compressible);
    const item = await rawItem(`JOB#${jobId}`, 'CHUNK#00000');
    expect(item).toMatchObject({ codec: 'br' });
    expect(item?.overflowKey).toBeUndefined();
    expect(await repo.getFragment(jobId, 0)).toEqual(compressible);
    // rows written gzip-compressed by earlier versions
    const zipped = aFragment(3);
    await stack().clients.dynamodb.send(
      new PutCommand({
        TableName: stack().resources.tableName,
        Item: {
          PK: `JOB#${jobId}`,
          SK: 'CHUNK#00003',
          entity: 'fragment',
          codec: 'gzip',
          dataZ: gzipSync(JSON.stringify(zipped)),
        },
      }),
    );
    expect(await repo.getFragment(jobId, 3)).toEqual(zipped);
    // rows written before compression: JSON in `data`, or a plain JSON overflow object
    const old = aFragment(1);
    await stack().clients.dynamodb.send(
      new PutCommand({
        TableName: stack().resources.tableName,
        Item: {
          PK: `JOB#${jobId}`,
          SK: 'CHUNK#00001',
          entity: 'fragment',
          data: JSON.stringify(old),
        },
      }),
    );
    const oldKey = overflowKeyOf({ PK: `JOB#${jobId}`, SK: 'CHUNK#00002' });
    await store.put(oldKey, new TextEncoder().encode(JSON.stringify(aFragment(2))));
    await stack().clients.dynamodb.send(
      new PutCommand({
        TableName: stack().resources.tableName,
        Item: { PK: `JOB#${jobId}`, SK: 'CHUNK#00002', entity: 'fragment', overflowKey: oldKey },
      }),
    );
    expect(await repo.getFragment(jobId, 1)).toEqual(old);
    expect(await repo.getFragment(jobId, 2)).toEqual(aFragment(2));
  });

  it('overflows at the configured threshold', async () => {
    const repo = new DynamoDbStoryboardRepository({
      client: stack().clients.dynamodb,
      tableName: stack().resources.tableName,
      overflow: overflow(),
      overflowThresholdBytes: 1024,
      scenePackChars: 1,
    });
    const jobId = uniqueId('job');
    const storyboard = aStoryboard(3);
    const panel = storyboard.chapters[1]?.scenes[0]?.panels[0];
    if (panel) panel.description = incompressible(4096);
    await repo.saveStoryboard(jobId, storyboard);
    expect((await rawItem(`JOB#${jobId}`, 'SCENE#0002#0001'))?.overflowKey).toBeDefined();
    expect((await rawItem(`JOB#${jobId}`, 'SCENE#0001#0001'))?.data).toBeDefined();
    expect((await repo.getStoryboard(jobId))?.storyboard).toEqual(storyboard);
  });

  it('keys each scene item by its first scene and deletes items a shorter re-save no longer has', async () => {
    const repo = new DynamoDbStoryboardRepository({
      client: stack().clients.dynamodb,
      tableName: stack().resources.tableName,
      overflow: overflow(),
      scenePackChars: 1,
    });
    const jobId = uniqueId('job');
    await repo.saveStoryboard(jobId, aStoryboard(4));
    expect(await sceneKeys(stack(), jobId)).toEqual([
      'SCENE#0001#0001',
      'SCENE#0002#0001',
      'SCENE#0003#0001',
      'SCENE#0004#0001',
    ]);
    const shorter = aStoryboard(2);
    await repo.saveStoryboard(jobId, shorter);
    expect(await sceneKeys(stack(), jobId)).toEqual(['SCENE#0001#0001', 'SCENE#0002#0001']);
    expect((await repo.getStoryboard(jobId))?.storyboard).toEqual(shorter);
  });

  it('packs consecutive scenes across chapters into items of at most scenePackChars', async () => {
    const storyboard = withSceneCounts([3, 0, 1, 4, 2, 0, 5]);
    const sceneChars = JSON.stringify(storyboard.chapters[0]?.scenes[0]).length;
    const packChars = 3 * (sceneChars + 1) + 1;
    const repo = new DynamoDbStoryboardRepository({
      client: stack().clients.dynamodb,
      tableName: stack().resources.tableName,
      overflow: overflow(),
      scenePackChars: packChars,
    });
    const jobId = uniqueId('job');
    await repo.saveStoryboard(jobId, storyboard);
    // 15 scenes, 3 to an item, each item keyed by its first scene.
    expect(await sceneKeys(stack(), jobId)).toEqual([
      'SCENE#0001#0001',
      'SCENE#0003#0001',
      'SCENE#0004#0003',
      'SCENE#0005#0002',
      'SCENE#0007#0003',
    ]);
    for (const key of await sceneKeys(stack(), jobId)) {
      const item = await rawItem(`JOB#${jobId}`, key);
      expect(String(item?.data).length).toBeLessThanOrEqual(packChars);
    }
    expect((await repo.getStoryboard(jobId))?.storyboard).toEqual(storyboard);
    // Every page reads the same chapters as the whole storyboard has.
    for (let after = 0; after <= 7; after++) {
      for (let limit = 0; limit <= 3; limit++) {
        const page = await repo.getStoryboard(jobId, { afterChapter: after, limit });
        const expected = storyboard.chapters.filter((c) => c.index > after).slice(0, limit);
        expect(page?.storyboard.chapters).toEqual(expected);
        const more = after + limit < 7;
        expect(page?.nextAfterChapter).toBe(more && limit > 0 ? after + limit : undefined);
      }
    }
    // A shorter re-save leaves only its own items, and reads back whole.
    const shorter = withSceneCounts([2, 2]);
    await repo.saveStoryboard(jobId, shorter);
    expect(await sceneKeys(stack(), jobId)).toEqual(['SCENE#0001#0001', 'SCENE#0002#0002']);
    expect((await repo.getStoryboard(jobId))?.storyboard).toEqual(shorter);
  });

  it('reads a storyboard stored before packing: one item per scene, a header without items', async () => {
    const repo = new DynamoDbStoryboardRepository({
      client: stack().clients.dynamodb,
      tableName: stack().resources.tableName,
      overflow: overflow(),
    });
    const jobId = uniqueId('job');
    const storyboard = withSceneCounts([2, 0, 1]);
    const { chapters, ...rest } = storyboard;
    const put = (item: Record<string, unknown>) =>
      stack().clients.dynamodb.send(
        new PutCommand({ TableName: stack().resources.tableName, Item: item }),
      );
    for (const chapter of chapters) {
      for (const [i, scene] of chapter.scenes.entries()) {
        const sk = `SCENE#${String(chapter.index).padStart(4, '0')}#${String(i + 1).padStart(4, '0')}`;
        await put({ PK: `JOB#${jobId}`, SK: sk, entity: 'scene', data: JSON.stringify(scene) });
      }
    }
    const header = {
      ...rest,
      chapters: chapters.map(({ scenes, ...c }) => ({ ...c, sceneCount: scenes.length })),
    };
    await put({
      PK: `JOB#${jobId}`,
      SK: 'STORYBOARD',
      entity: 'storyboard',
      data: JSON.stringify(header),
    });
    expect((await repo.getStoryboard(jobId))?.storyboard).toEqual(storyboard);
    expect(
      (await repo.getStoryboard(jobId, { afterChapter: 1, limit: 2 }))?.storyboard.chapters,
    ).toEqual(chapters.slice(1));
  });

  it('reads chapters without scenes', async () => {
    const repo = new DynamoDbStoryboardRepository({
      client: stack().clients.dynamodb,
      tableName: stack().resources.tableName,
      overflow: overflow(),
    });
    const jobId = uniqueId('job');
    const storyboard = aStoryboard(3);
    const empty = storyboard.chapters[1];
    if (empty) empty.scenes = [];
    await repo.saveStoryboard(jobId, storyboard);
    expect(
      (await repo.getStoryboard(jobId, { afterChapter: 1, limit: 1 }))?.storyboard.chapters,
    ).toEqual([empty]);
  });
});

describe('DynamoDbJobRepository on dynalite', () => {
  it('writes the keys of ARCHITECTURE.md: JOB#id / META, GSI1 NOVEL#novelId / JOB#createdAt…', async () => {
    const repo = new DynamoDbJobRepository({
      client: stack().clients.dynamodb,
      tableName: stack().resources.tableName,
    });
    const job = aJob();
    await repo.create(job);
    const item = await rawItem(`JOB#${job.id}`, 'META');
    expect(item?.GSI1PK).toBe(`NOVEL#${job.novelId}`);
    expect(String(item?.GSI1SK).startsWith(`JOB#${job.createdAt}`)).toBe(true);
    expect(item?.version).toBe(1);
  });

  it('maps throttling to StorageUnavailableError', async () => {
    const throttled: DocumentClientLike = {
      send: (async () => {
        throw new ProvisionedThroughputExceededException({
          message: 'Rate exceeded',
          $metadata: {},
        });
      }) as DynamoDBDocumentClient['send'],
    };
    const repo = new DynamoDbJobRepository({
      client: throttled,
      tableName: stack().resources.tableName,
    });
    await expect(repo.get('any')).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  it('maps an unreachable endpoint to StorageUnavailableError', async () => {
    const raw = new DynamoDBClient({
      region: stack().region,
      credentials: stack().credentials,
      endpoint: 'http://127.0.0.1:9',
      maxAttempts: 1,
    });
    try {
      const repo = new DynamoDbJobRepository({ client: DocClient.from(raw), tableName: 'none' });
      await expect(repo.get('any')).rejects.toBeInstanceOf(StorageUnavailableError);
    } finally {
      raw.destroy();
    }
  });
});

describe('DynamoDbNovelRepository on dynalite', () => {
  const repo = () =>
    new DynamoDbNovelRepository({
      client: stack().clients.dynamodb,
      tableName: stack().resources.tableName,
    });

  it('keeps the base key USER#owner / NOVEL#id', async () => {
    const novel = aNovel({ ownerId: uniqueId('user') });
    await repo().save(novel);
    expect((await rawItem(`USER#${novel.ownerId}`, `NOVEL#${novel.id}`))?.title).toBe(novel.title);
  });

  it('refuses a cursor it did not issue, and a limit outside 1–100', async () => {
    await expect(repo().list('u', { limit: 2, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(repo().list('u', { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
    await expect(repo().list('u', { limit: 101 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('never pages into another owner’s novels with their cursor', async () => {
    const a = uniqueId('user');
    const b = uniqueId('user');
    for (let i = 1; i <= 3; i++)
      await repo().save(aNovel({ ownerId: a, createdAt: `2026-01-0${i}T00:00:00.000Z` }));
    const mine = aNovel({ ownerId: b, createdAt: '2025-01-01T00:00:00.000Z' });
    await repo().save(mine);
    const page = await repo().list(a, { limit: 1 });
    expect(page.nextCursor).toBeDefined();
    const other = await repo().list(b, { limit: 10, cursor: page.nextCursor });
    expect(other.items.every((n) => n.ownerId === b)).toBe(true);
  });
});
