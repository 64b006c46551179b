import { randomBytes } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  DynamoDbJobRepository,
  DynamoDbNovelRepository,
  DynamoDbStoryboardRepository,
  overflowKeyOf,
} from '@storyboard/aws/dynamodb';
import { S3BlobStore } from '@storyboard/aws/s3';
import { StorageCorruptError } from '@storyboard/domain';
import { aFragment, aJob, aNovel, aStoryboard, uniqueId } from '@storyboard/domain/testing';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../testing/use-local-stack';

// Rows are parsed with the domain's zod schemas where they are read: a row this app did not
// write (or a bug wrote) is a StorageCorruptError naming the row, never a half-typed object.
const stack = useLocalStack();

const table = () => ({ client: stack().clients.dynamodb, tableName: stack().resources.tableName });
const blobs = () =>
  new S3BlobStore({ client: stack().clients.s3, bucket: stack().resources.bucket });
const storyboards = (overflowThresholdBytes?: number) =>
  // One scene an item, so a corrupt item is one corrupt scene.
  new DynamoDbStoryboardRepository({
    ...table(),
    overflow: blobs(),
    overflowThresholdBytes,
    scenePackChars: 1,
  });

async function rawItem(pk: string, sk: string) {
  const out = await stack().clients.dynamodb.send(
    new GetCommand({ TableName: stack().resources.tableName, Key: { PK: pk, SK: sk } }),
  );
  if (!out.Item) throw new Error(`no item ${pk} / ${sk}`);
  return out.Item;
}

async function overwrite(item: Record<string, unknown>) {
  await stack().clients.dynamodb.send(
    new PutCommand({ TableName: stack().resources.tableName, Item: item }),
  );
}

describe('job rows', () => {
  it('refuses a corrupt row with StorageCorruptError naming the row and the problem', async () => {
    const repo = new DynamoDbJobRepository(table());
    const job = aJob();
    await repo.create(job);
    const item = await rawItem(`JOB#${job.id}`, 'META');
    await overwrite({ ...item, status: 'exploded', progress: { percentage: 'half' } });

    const read = repo.get(job.id);
    await expect(read).rejects.toBeInstanceOf(StorageCorruptError);
    await expect(repo.get(job.id)).rejects.toThrow(
      new RegExp(`stored job JOB#${job.id} / META is corrupt \\(status: .*progress\\.percentage`),
    );
    await expect(repo.listByNovel(job.novelId)).rejects.toMatchObject({
      code: 'STORAGE.CORRUPT',
      retryable: false,
    });
  });

  it('reads back exactly the job it wrote (no table attributes leak)', async () => {
    const repo = new DynamoDbJobRepository(table());
    const job = aJob();
    await repo.create(job);
    expect(await repo.get(job.id)).toEqual(job);
  });
});

describe('novel rows', () => {
  it('reads back exactly the novel it wrote (no table attributes leak)', async () => {
    const repo = new DynamoDbNovelRepository(table());
    const novel = aNovel({ ownerId: uniqueId('user') });
    await repo.save(novel);
    expect(await repo.get(novel.ownerId, novel.id)).toEqual(novel);
  });

  it('refuses a corrupt row in get and in list with StorageCorruptError', async () => {
    const repo = new DynamoDbNovelRepository(table());
    const novel = aNovel({ ownerId: uniqueId('user') });
    await repo.save(novel);
    const item = await rawItem(`USER#${novel.ownerId}`, `NOVEL#${novel.id}`);
    await overwrite({ ...item, sizeBytes: 'big', language: 'klingon' });

    await expect(repo.get(novel.ownerId, novel.id)).rejects.toThrow(
      new RegExp(
        `stored novel USER#${novel.ownerId} / NOVEL#${novel.id} is corrupt \\(.*sizeBytes`,
      ),
    );
    await expect(repo.list(novel.ownerId, { limit: 10 })).rejects.toBeInstanceOf(
      StorageCorruptError,
    );
  });
});

describe('storyboard rows', () => {
  it('refuses a fragment whose payload does not fit the fragment schema', async () => {
    const repo = storyboards();
    const jobId = uniqueId('job');
    await repo.saveFragment(jobId, aFragment(0));
    const item = await rawItem(`JOB#${jobId}`, 'CHUNK#00000');
    await overwrite({ ...item, data: JSON.stringify({ chunkIndex: 'zero' }), dataZ: undefined });

    await expect(repo.getFragment(jobId, 0)).rejects.toThrow(
      new RegExp(`stored fragment JOB#${jobId} / CHUNK#00000 is corrupt \\(chunkIndex`),
    );
  });

  it('refuses a payload that is not JSON', async () => {
    const repo = storyboards();
    const jobId = uniqueId('job');
    await repo.saveFragment(jobId, aFragment(0));
    const item = await rawItem(`JOB#${jobId}`, 'CHUNK#00000');
    await overwrite({ ...item, data: '{"chunkIndex":', dataZ: undefined, codec: undefined });

    await expect(repo.getFragment(jobId, 0)).rejects.toMatchObject({
      name: 'StorageCorruptError',
      message: expect.stringContaining('its payload is not JSON'),
    });
  });

  it('refuses a corrupt storyboard header and a corrupt scene', async () => {
    const repo = storyboards();
    const jobId = uniqueId('job');
    const storyboard = aStoryboard(2);
    await repo.saveStoryboard(jobId, storyboard);
    expect((await repo.getStoryboard(jobId))?.storyboard).toEqual(storyboard);

    const scene = await rawItem(`JOB#${jobId}`, 'SCENE#0002#0001');
    await overwrite({ ...scene, data: JSON.stringify({ index: 1, panels: 'none' }) });
    await expect(repo.getStoryboard(jobId)).rejects.toThrow(/stored scenes .* \/ SCENE#0002#0001/);
    // The first page holds only chapter 1, whose scenes are intact.
    expect((await repo.getStoryboard(jobId, { limit: 1 }))?.storyboard.chapters).toHaveLength(1);

    const header = await rawItem(`JOB#${jobId}`, 'STORYBOARD');
    await overwrite({ ...header, data: JSON.stringify({ schemaVersion: 2 }), dataZ: undefined });
    await expect(repo.getStoryboard(jobId)).rejects.toBeInstanceOf(StorageCorruptError);
  });

  it('refuses a corrupt payload in the overflow store', async () => {
    const repo = storyboards(1024);
    const jobId = uniqueId('job');
    const fragment = aFragment(3);
    const panel = fragment.sections[0]?.scenes[0]?.panels[0];
    if (panel) panel.description = randomBytes(3000).toString('base64'); // does not compress
    await repo.saveFragment(jobId, fragment);
    const item = await rawItem(`JOB#${jobId}`, 'CHUNK#00003');
    expect(item.overflowKey).toBe(overflowKeyOf({ PK: `JOB#${jobId}`, SK: 'CHUNK#00003' }));
    expect(await repo.getFragment(jobId, 3)).toEqual(fragment);

    await overwrite({ ...item, codec: undefined });
    await blobs().put(String(item.overflowKey), new TextEncoder().encode('{"sections":[]}'));
    await expect(repo.getFragment(jobId, 3)).rejects.toBeInstanceOf(StorageCorruptError);
  });
});
