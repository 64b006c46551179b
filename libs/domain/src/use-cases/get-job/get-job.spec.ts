import { describe, expect, it } from 'vitest';
import { createInMemoryHarness } from '../../testing/harness';
import { JobNotFoundError, NovelNotFoundError, StoryboardNotFoundError } from '../../errors';

describe('ownership', () => {
  it('another user gets "not found" for a job, its storyboard, cancel and retry', async () => {
    const h = createInMemoryHarness({ backend: 'manual' });
    const novel = await h.submitNovel.execute({
      ownerId: 'a',
      title: 'T',
      bytes: new TextEncoder().encode('# One\n\nHello.'),
    });
    const job = await h.requestAnalysis.execute({ ownerId: 'a', novelId: novel.id });
    const asB = { ownerId: 'b', jobId: job.id };
    await expect(h.getJob.execute(asB)).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(h.getStoryboard.execute(asB)).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(h.cancelJob.execute(asB)).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(h.retryJob.execute(asB)).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(
      h.requestAnalysis.execute({ ownerId: 'b', novelId: novel.id }),
    ).rejects.toBeInstanceOf(NovelNotFoundError);
  });

  it('has no storyboard before the job completes', async () => {
    const h = createInMemoryHarness({ backend: 'manual' });
    const novel = await h.submitNovel.execute({
      ownerId: 'a',
      title: 'T',
      bytes: new TextEncoder().encode('# One\n\nHello.'),
    });
    const job = await h.requestAnalysis.execute({ ownerId: 'a', novelId: novel.id });
    await expect(h.getStoryboard.execute({ ownerId: 'a', jobId: job.id })).rejects.toBeInstanceOf(
      StoryboardNotFoundError,
    );
  });
});
