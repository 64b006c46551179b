import type { ChunkPlan, Fragment } from '../storyboard/chunk-plan.schema';
import type { Chapter, Storyboard } from '../storyboard/storyboard.schema';

export interface StoryboardPage {
  /** The storyboard with only this page's chapters. */
  storyboard: Storyboard;
  /** The chapter index to pass as `afterChapter` for the next page; absent on the last. */
  nextAfterChapter?: number;
}

/** Writes one storyboard a chapter at a time, so a book of any size is saved without holding
 * all of it in memory. Nothing is readable until `finish`; a writer abandoned half-way
 * leaves no storyboard (or the earlier one) visible. */
export interface StoryboardWriter {
  /** Adds the next chapter; chapters come in index order. */
  addChapter(chapter: Chapter): Promise<void>;

  /** Saves the rest of the storyboard and makes it readable, replacing an earlier one for
   * the job. The writer is done after this. */
  finish(rest: Omit<Storyboard, 'chapters'>): Promise<void>;
}

/** Where a job's work in progress (chunk plan, chunk fragments) and its finished storyboard
 * live. Every write is idempotent: steps may run twice. */
export interface StoryboardRepository {
  /** Saves the job's chunk plan, replacing an earlier one. */
  savePlan(plan: ChunkPlan): Promise<void>;

  /** The chunk plan, or `undefined` before `prepare` has saved it. */
  getPlan(jobId: string): Promise<ChunkPlan | undefined>;

  /** Saves a chunk's fragment under (jobId, fragment.chunkIndex), replacing an earlier one. */
  saveFragment(jobId: string, fragment: Fragment): Promise<void>;

  /** The fragment, or `undefined` when that chunk has not been saved. */
  getFragment(jobId: string, chunkIndex: number): Promise<Fragment | undefined>;

  /** Indexes of the chunks whose fragments are saved, ascending; with `fromChunk`, only
   * those ≥ it (a caller that knows the chunks before it are saved reads no more). */
  listFragmentIndexes(jobId: string, fromChunk?: number): Promise<number[]>;

  /** Saves the finished storyboard, replacing an earlier one for the job. */
  saveStoryboard(jobId: string, storyboard: Storyboard): Promise<void>;

  /** A writer that saves the job's storyboard chapter by chapter (same result as
   * `saveStoryboard` with those chapters). */
  openStoryboard(jobId: string): StoryboardWriter;

  /**
   * The saved storyboard, `undefined` if none. With `page`, only chapters whose index is
   * greater than `afterChapter` (default 0), at most `limit` of them.
   */
  getStoryboard(
    jobId: string,
    page?: { afterChapter?: number; limit?: number },
  ): Promise<StoryboardPage | undefined>;
}
