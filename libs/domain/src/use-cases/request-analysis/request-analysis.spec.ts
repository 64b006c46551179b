import { describe, expect, it } from 'vitest';
import { createInMemoryHarness } from '../../testing/harness';
import { CreateNovelUpload } from '../submit-novel/create-novel-upload';
import { NovelNotReadyError, TooLargeForSyncError, UploadsUnavailableError } from '../../errors';
import type { UploadUrlSigner } from '../../ports/upload-url-signer.port';

const text = (chars: number) => new TextEncoder().encode(`# One\n\n${'word '.repeat(chars / 5)}`);

describe('RequestAnalysis', () => {
  it('refuses a text longer than the sync limit on the sync backend, creating no job', async () => {
    const h = createInMemoryHarness({ backend: 'sync', maxSyncChars: 100 });
    const novel = await h.submitNovel.execute({ ownerId: 'u', title: 'T', bytes: text(500) });
    await expect(
      h.requestAnalysis.execute({ ownerId: 'u', novelId: novel.id }),
    ).rejects.toBeInstanceOf(TooLargeForSyncError);
    expect(await h.jobs.listByNovel(novel.id)).toEqual([]);
  });

  it('lets the same text through an asynchronous backend', async () => {
    const h = createInMemoryHarness({ backend: 'manual', maxSyncChars: 100 });
    const novel = await h.submitNovel.execute({ ownerId: 'u', title: 'T', bytes: text(500) });
    expect((await h.requestAnalysis.execute({ ownerId: 'u', novelId: novel.id })).status).toBe(
      'queued',
    );
  });
});

describe('direct uploads', () => {
  const signer: UploadUrlSigner = {
    presignPut: async (key, size, expires) =>
      `https://upload.test/${key}?size=${size}&expires=${expires}`,
  };

  it('registers a novel awaiting upload and returns a signed URL for its key', async () => {
    const h = createInMemoryHarness({ backend: 'manual' });
    const create = new CreateNovelUpload({
      novels: h.novels,
      signer,
      clock: h.clock,
      ids: h.ids,
      maxNovelBytes: 1000,
    });
    const { novel, uploadUrl } = await create.execute({
      ownerId: 'u',
      title: 'Big',
      sizeBytes: 900,
    });
    expect(novel.status).toBe('awaiting-upload');
    expect(uploadUrl).toBe(`https://upload.test/${novel.textKey}?size=900&expires=900`);
  });

  it('refuses analysis until the bytes arrive, then reads them and marks the novel ready', async () => {
    const h = createInMemoryHarness({ backend: 'manual' });
    const create = new CreateNovelUpload({
      novels: h.novels,
      signer,
      clock: h.clock,
      ids: h.ids,
      maxNovelBytes: 1000,
    });
    const { novel } = await create.execute({ ownerId: 'u', title: 'Big', sizeBytes: 20 });
    await expect(
      h.requestAnalysis.execute({ ownerId: 'u', novelId: novel.id }),
    ).rejects.toBeInstanceOf(NovelNotReadyError);
    await h.texts.put(novel.textKey, text(20));
    expect((await h.requestAnalysis.execute({ ownerId: 'u', novelId: novel.id })).status).toBe(
      'queued',
    );
    expect(await h.novels.get('u', novel.id)).toMatchObject({
      status: 'ready',
      language: 'en',
      encoding: 'utf-8',
    });
  });

  it('says uploads need S3 where no signer exists', async () => {
    const h = createInMemoryHarness();
    const create = new CreateNovelUpload({
      novels: h.novels,
      signer: undefined,
      clock: h.clock,
      ids: h.ids,
      maxNovelBytes: 1000,
    });
    await expect(
      create.execute({ ownerId: 'u', title: 'T', sizeBytes: 10 }),
    ).rejects.toBeInstanceOf(UploadsUnavailableError);
  });
});
