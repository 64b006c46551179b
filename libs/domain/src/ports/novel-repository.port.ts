import type { Novel } from '../novel/novel';

export interface NovelPage {
  items: Novel[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

export interface NovelRepository {
  /** Stores a novel, replacing one with the same owner and id (idempotent). */
  save(novel: Novel): Promise<void>;

  /** The novel if it exists and belongs to `ownerId`; otherwise `undefined` (never
   * another owner's novel). */
  get(ownerId: string, novelId: string): Promise<Novel | undefined>;

  /**
   * Records `job` as the novel's latest completed job unless a newer one (later `createdAt`,
   * then greater id) is recorded already: a conditional update of that one field, never a
   * rewrite of the novel from an earlier read, so two jobs completing at once cannot undo
   * each other or another change to the novel. Does nothing when the novel does not exist.
   */
  recordLatestJob(
    ownerId: string,
    novelId: string,
    job: { id: string; createdAt: string },
  ): Promise<void>;

  /** The owner's novels, newest first, `limit` (1–100) per page. */
  list(ownerId: string, options: { limit: number; cursor?: string }): Promise<NovelPage>;
}
