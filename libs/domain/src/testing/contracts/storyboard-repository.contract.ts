import { describe, expect, it } from 'vitest';
import type { StoryboardRepository } from '../../ports/storyboard-repository.port';
import { aFragment, aPlan, aStoryboard, uniqueId } from '../builders';

type Make<T> = () => T | Promise<T>;

export function describeStoryboardRepositoryContract(
  name: string,
  make: Make<StoryboardRepository>,
): void {
  describe(`StoryboardRepository contract: ${name}`, () => {
    it('saves a chunk plan and reads it back; none before', async () => {
      const repo = await make();
      const jobId = uniqueId('job');
      expect(await repo.getPlan(jobId)).toBeUndefined();
      const plan = aPlan(jobId, 3);
      await repo.savePlan(plan);
      await repo.savePlan(plan);
      expect(await repo.getPlan(jobId)).toEqual(plan);
    });

    it('saves fragments per chunk, lists their indexes ascending, replaces on save', async () => {
      const repo = await make();
      const jobId = uniqueId('job');
      for (const i of [2, 0, 11]) await repo.saveFragment(jobId, aFragment(i));
      await repo.saveFragment(jobId, { ...aFragment(0), generator: 'again' });
      expect(await repo.listFragmentIndexes(jobId)).toEqual([0, 2, 11]);
      expect(await repo.listFragmentIndexes(jobId, 1)).toEqual([2, 11]);
      expect(await repo.listFragmentIndexes(jobId, 2)).toEqual([2, 11]);
      expect(await repo.listFragmentIndexes(jobId, 12)).toEqual([]);
      expect((await repo.getFragment(jobId, 0))?.generator).toBe('again');
      expect(await repo.getFragment(jobId, 2)).toEqual(aFragment(2));
      expect(await repo.getFragment(jobId, 1)).toBeUndefined();
      expect(await repo.listFragmentIndexes(uniqueId('job'))).toEqual([]);
    });

    it('writes a storyboard chapter by chapter, invisible until finished', async () => {
      const repo = await make();
      const jobId = uniqueId('job');
      const { chapters, ...rest } = aStoryboard(3);
      const writer = repo.openStoryboard(jobId);
      for (const chapter of chapters) await writer.addChapter(chapter);
      expect(await repo.getStoryboard(jobId)).toBeUndefined();
      await writer.finish(rest);
      expect((await repo.getStoryboard(jobId))?.storyboard).toEqual({ ...rest, chapters });
    });

    it('keeps one job’s fragments apart from another’s', async () => {
      const repo = await make();
      const a = uniqueId('job');
      const b = uniqueId('job');
      await repo.saveFragment(a, aFragment(0));
      expect(await repo.getFragment(b, 0)).toBeUndefined();
    });

    it('stores a fragment larger than a DynamoDB item (400 KB)', async () => {
      const repo = await make();
      const jobId = uniqueId('job');
      const big = aFragment(0, 600 * 1024);
      await repo.saveFragment(jobId, big);
      expect(await repo.getFragment(jobId, 0)).toEqual(big);
    });

    it('saves a storyboard and reads it back whole; undefined before', async () => {
      const repo = await make();
      const jobId = uniqueId('job');
      expect(await repo.getStoryboard(jobId)).toBeUndefined();
      const storyboard = aStoryboard(3);
      await repo.saveStoryboard(jobId, storyboard);
      await repo.saveStoryboard(jobId, storyboard);
      const page = await repo.getStoryboard(jobId);
      expect(page?.storyboard).toEqual(storyboard);
      expect(page?.nextAfterChapter).toBeUndefined();
    });

    it('pages through chapters with afterChapter and limit', async () => {
      const repo = await make();
      const jobId = uniqueId('job');
      const storyboard = aStoryboard(5);
      await repo.saveStoryboard(jobId, storyboard);
      const first = await repo.getStoryboard(jobId, { limit: 2 });
      expect(first?.storyboard.chapters.map((c) => c.index)).toEqual([1, 2]);
      expect(first?.nextAfterChapter).toBe(2);
      expect(first?.storyboard.characters).toEqual(storyboard.characters);
      expect(first?.storyboard.stats).toEqual(storyboard.stats);
      const last = await repo.getStoryboard(jobId, { afterChapter: 4, limit: 2 });
      expect(last?.storyboard.chapters.map((c) => c.index)).toEqual([5]);
      expect(last?.nextAfterChapter).toBeUndefined();
      const exact = await repo.getStoryboard(jobId, { afterChapter: 3, limit: 2 });
      expect(exact?.storyboard.chapters.map((c) => c.index)).toEqual([4, 5]);
      expect(exact?.nextAfterChapter).toBeUndefined();
    });

    it('stores a storyboard larger than one DynamoDB item', async () => {
      const repo = await make();
      const jobId = uniqueId('job');
      const storyboard = aStoryboard(40);
      for (const chapter of storyboard.chapters) {
        const panel = chapter.scenes[0]?.panels[0];
        if (panel) panel.description = '长'.repeat(20_000);
      }
      await repo.saveStoryboard(jobId, storyboard);
      expect((await repo.getStoryboard(jobId))?.storyboard).toEqual(storyboard);
    });
  });
}
