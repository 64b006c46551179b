import { describe, expect, it } from 'vitest';
import type { NovelRepository } from '../../ports/novel-repository.port';
import { aNovel, uniqueId } from '../builders';

type Make<T> = () => T | Promise<T>;

export function describeNovelRepositoryContract(name: string, make: Make<NovelRepository>): void {
  describe(`NovelRepository contract: ${name}`, () => {
    it('saves a novel and reads it back for its owner', async () => {
      const repo = await make();
      const novel = aNovel({ ownerId: uniqueId('user'), title: '西游记 — Journey' });
      await repo.save(novel);
      expect(await repo.get(novel.ownerId, novel.id)).toEqual(novel);
    });

    it('never returns a novel to another owner', async () => {
      const repo = await make();
      const novel = aNovel({ ownerId: uniqueId('user') });
      await repo.save(novel);
      expect(await repo.get(uniqueId('user'), novel.id)).toBeUndefined();
    });

    it('returns undefined for a novel that does not exist', async () => {
      const repo = await make();
      expect(await repo.get(uniqueId('user'), uniqueId('novel'))).toBeUndefined();
    });

    it('replaces a novel saved again with the same id', async () => {
      const repo = await make();
      const novel = aNovel({
        ownerId: uniqueId('user'),
        status: 'awaiting-upload',
        language: null,
      });
      await repo.save(novel);
      const ready = {
        ...novel,
        status: 'ready' as const,
        language: 'zh' as const,
        latestJobId: 'job-1',
      };
      await repo.save(ready);
      expect(await repo.get(novel.ownerId, novel.id)).toEqual(ready);
    });

    it('lists an owner’s novels newest first, page by page, each exactly once', async () => {
      const repo = await make();
      const ownerId = uniqueId('user');
      const novels = Array.from({ length: 5 }, (_, i) =>
        aNovel({ ownerId, createdAt: `2026-01-0${i + 1}T00:00:00.000Z` }),
      );
      for (const novel of novels) await repo.save(novel);
      await repo.save(aNovel({ ownerId: uniqueId('user') }));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await repo.list(ownerId, { limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((n) => n.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual([...novels].reverse().map((n) => n.id));
    });

    it('lists nothing for an owner with no novels', async () => {
      const repo = await make();
      expect(await repo.list(uniqueId('user'), { limit: 10 })).toEqual({ items: [] });
    });

    it('records the latest job only if it is newer than the one recorded, changing nothing else', async () => {
      const repo = await make();
      const novel = aNovel({ ownerId: uniqueId('user'), latestJobId: null });
      await repo.save(novel);
      const older = { id: 'job-a', createdAt: '2026-01-01T00:00:00.000Z' };
      const newer = { id: 'job-b', createdAt: '2026-01-02T00:00:00.000Z' };
      await repo.recordLatestJob(novel.ownerId, novel.id, newer);
      await repo.recordLatestJob(novel.ownerId, novel.id, older);
      expect(await repo.get(novel.ownerId, novel.id)).toEqual({ ...novel, latestJobId: 'job-b' });
      await Promise.all([
        repo.recordLatestJob(novel.ownerId, novel.id, {
          id: 'job-d',
          createdAt: '2026-01-04T00:00:00.000Z',
        }),
        repo.recordLatestJob(novel.ownerId, novel.id, {
          id: 'job-c',
          createdAt: '2026-01-03T00:00:00.000Z',
        }),
      ]);
      expect((await repo.get(novel.ownerId, novel.id))?.latestJobId).toBe('job-d');
    });

    it('records no latest job for a novel that does not exist', async () => {
      const repo = await make();
      const ownerId = uniqueId('user');
      const novelId = uniqueId('novel');
      await repo.recordLatestJob(ownerId, novelId, {
        id: 'job-a',
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      expect(await repo.get(ownerId, novelId)).toBeUndefined();
    });
  });
}
