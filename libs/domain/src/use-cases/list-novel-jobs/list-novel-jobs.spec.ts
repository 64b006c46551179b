import { describe, expect, it } from 'vitest';
import { createInMemoryHarness } from '../../testing/harness';
import { NovelNotFoundError } from '../../errors';
import { ListNovelJobs } from './list-novel-jobs';

describe('ListNovelJobs', () => {
  it('lists the owner’s jobs of a novel, newest first; another user gets not found', async () => {
    const h = createInMemoryHarness({ backend: 'manual' });
    const list = new ListNovelJobs(h.novels, h.jobs);
    const novel = await h.submitNovel.execute({
      ownerId: 'a',
      title: 'T',
      bytes: new TextEncoder().encode('# One\n\nHello.'),
    });
    const first = await h.requestAnalysis.execute({ ownerId: 'a', novelId: novel.id });
    h.clock.advance(1000);
    const second = await h.requestAnalysis.execute({ ownerId: 'a', novelId: novel.id });
    const jobs = await list.execute({ ownerId: 'a', novelId: novel.id });
    expect(jobs.map((j) => j.id)).toEqual([second.id, first.id]);
    await expect(list.execute({ ownerId: 'b', novelId: novel.id })).rejects.toBeInstanceOf(
      NovelNotFoundError,
    );
  });
});
