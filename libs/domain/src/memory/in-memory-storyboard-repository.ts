import type {
  StoryboardPage,
  StoryboardRepository,
  StoryboardWriter,
} from '../ports/storyboard-repository.port';
import type { ChunkPlan, Fragment } from '../storyboard/chunk-plan.schema';
import type { Chapter, Storyboard } from '../storyboard/storyboard.schema';

export class InMemoryStoryboardRepository implements StoryboardRepository {
  private readonly plans = new Map<string, ChunkPlan>();
  private readonly fragments = new Map<string, Map<number, Fragment>>();
  private readonly storyboards = new Map<string, Storyboard>();

  async savePlan(plan: ChunkPlan): Promise<void> {
    this.plans.set(plan.jobId, structuredClone(plan));
  }

  async getPlan(jobId: string): Promise<ChunkPlan | undefined> {
    const plan = this.plans.get(jobId);
    return plan && structuredClone(plan);
  }

  async saveFragment(jobId: string, fragment: Fragment): Promise<void> {
    const byIndex = this.fragments.get(jobId) ?? new Map<number, Fragment>();
    byIndex.set(fragment.chunkIndex, structuredClone(fragment));
    this.fragments.set(jobId, byIndex);
  }

  async getFragment(jobId: string, chunkIndex: number): Promise<Fragment | undefined> {
    const fragment = this.fragments.get(jobId)?.get(chunkIndex);
    return fragment && structuredClone(fragment);
  }

  async listFragmentIndexes(jobId: string, fromChunk = 0): Promise<number[]> {
    return [...(this.fragments.get(jobId)?.keys() ?? [])]
      .filter((i) => i >= fromChunk)
      .sort((a, b) => a - b);
  }

  async saveStoryboard(jobId: string, storyboard: Storyboard): Promise<void> {
    this.storyboards.set(jobId, structuredClone(storyboard));
  }

  openStoryboard(jobId: string): StoryboardWriter {
    const chapters: Chapter[] = [];
    return {
      addChapter: async (chapter) => {
        chapters.push(structuredClone(chapter));
      },
      finish: ({ schemaVersion, novel, characters, stats }) =>
        this.saveStoryboard(jobId, { schemaVersion, novel, characters, chapters, stats }),
    };
  }

  async getStoryboard(
    jobId: string,
    page: { afterChapter?: number; limit?: number } = {},
  ): Promise<StoryboardPage | undefined> {
    const storyboard = this.storyboards.get(jobId);
    if (!storyboard) return undefined;
    const after = page.afterChapter ?? 0;
    const rest = storyboard.chapters.filter((c) => c.index > after);
    const chapters = page.limit === undefined ? rest : rest.slice(0, page.limit);
    const last = chapters[chapters.length - 1];
    const result: StoryboardPage = { storyboard: structuredClone({ ...storyboard, chapters }) };
    if (last && chapters.length < rest.length) result.nextAfterChapter = last.index;
    return result;
  }
}
