import type { StoryboardPage, StoryboardRepository } from '../../ports/storyboard-repository.port';
import { StoryboardNotFoundError } from '../../errors';
import type { GetJob } from '../get-job/get-job';

export interface GetStoryboardInput {
  ownerId: string;
  jobId: string;
  /** Only chapters after this index (default 0: from the first). */
  afterChapter?: number;
  /** Chapters per page (default all). */
  limit?: number;
}

export class GetStoryboard {
  constructor(
    private readonly getJob: GetJob,
    private readonly storyboards: StoryboardRepository,
  ) {}

  async execute(input: GetStoryboardInput): Promise<StoryboardPage> {
    const job = await this.getJob.execute(input);
    const page =
      job.status === 'completed'
        ? await this.storyboards.getStoryboard(job.id, {
            afterChapter: input.afterChapter,
            limit: input.limit,
          })
        : undefined;
    if (!page) throw new StoryboardNotFoundError(job.id);
    return page;
  }
}
