import { describe, expect, it } from 'vitest';
import { createInMemoryHarness } from '../../testing/harness';
import { InvalidNovelTextError, NovelTooLargeError, ValidationError } from '../../errors';

const bytes = (text: string) => new TextEncoder().encode(text);
const STATED = 'Title: The Stated Title\n\n# One\n\nHello.';
const UNSTATED = '# One\n\nHello.';

describe('SubmitNovel', () => {
  it('uses the title it is given over the one the text states', async () => {
    const h = createInMemoryHarness();
    const novel = await h.submitNovel.execute({
      ownerId: 'u',
      title: ' Mine ',
      bytes: bytes(STATED),
    });
    expect(novel.title).toBe('Mine');
  });

  it('falls back to the title the text states, then to the default', async () => {
    const h = createInMemoryHarness();
    const stated = await h.submitNovel.execute({
      ownerId: 'u',
      defaultTitle: 'file-name',
      bytes: bytes(STATED),
    });
    expect(stated.title).toBe('The Stated Title');
    const unstated = await h.submitNovel.execute({
      ownerId: 'u',
      defaultTitle: 'file-name',
      bytes: bytes(UNSTATED),
    });
    expect(unstated.title).toBe('file-name');
  });

  it('refuses an empty title, or none at all, with a message saying what to pass', async () => {
    const h = createInMemoryHarness();
    await expect(
      h.submitNovel.execute({ ownerId: 'u', title: '  ', bytes: bytes(STATED) }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(h.submitNovel.execute({ ownerId: 'u', bytes: bytes(UNSTATED) })).rejects.toThrow(
      /pass one/,
    );
  });

  it('stores the text and the novel as ready, with language, encoding and length', async () => {
    const h = createInMemoryHarness();
    const novel = await h.submitNovel.execute({ ownerId: 'u', title: 'T', bytes: bytes(UNSTATED) });
    expect(novel).toMatchObject({
      status: 'ready',
      language: 'en',
      encoding: 'utf-8',
      length: UNSTATED.length,
    });
    expect(await h.texts.size(novel.textKey)).toBe(UNSTATED.length);
    expect(await h.novels.get('u', novel.id)).toEqual(novel);
  });

  it('refuses text it cannot read and novels over the size limit, storing nothing', async () => {
    const h = createInMemoryHarness();
    await expect(
      h.submitNovel.execute({
        ownerId: 'u',
        title: 'T',
        bytes: new Uint8Array([0xff, 0xfe, 0xfd]),
      }),
    ).rejects.toBeInstanceOf(InvalidNovelTextError);
    await expect(
      h.submitNovel.execute({ ownerId: 'u', title: 'T', bytes: new Uint8Array(2 * 1024 * 1024) }),
    ).rejects.toBeInstanceOf(NovelTooLargeError);
    expect((await h.novels.list('u', { limit: 10 })).items).toEqual([]);
  });
});
