import { ValidationError } from '../errors';
import type { Novel } from '../novel/novel';
import type { NovelPage, NovelRepository } from '../ports/novel-repository.port';

export class InMemoryNovelRepository implements NovelRepository {
  private readonly novels = new Map<string, Novel>();
  /** `{createdAt}#{id}` of each novel's recorded latest job, as the DynamoDB item keeps it. */
  private readonly latestKeys = new Map<string, string>();

  async save(novel: Novel): Promise<void> {
    this.novels.set(`${novel.ownerId}/${novel.id}`, structuredClone(novel));
  }

  async recordLatestJob(
    ownerId: string,
    novelId: string,
    job: { id: string; createdAt: string },
  ): Promise<void> {
    const key = `${ownerId}/${novelId}`;
    const novel = this.novels.get(key);
    const order = `${job.createdAt}#${job.id}`;
    const recorded = this.latestKeys.get(key);
    if (!novel || (recorded !== undefined && recorded >= order)) return;
    this.latestKeys.set(key, order);
    this.novels.set(key, { ...novel, latestJobId: job.id });
  }

  async get(ownerId: string, novelId: string): Promise<Novel | undefined> {
    const novel = this.novels.get(`${ownerId}/${novelId}`);
    return novel && structuredClone(novel);
  }

  async list(ownerId: string, options: { limit: number; cursor?: string }): Promise<NovelPage> {
    const all = [...this.novels.values()]
      .filter((n) => n.ownerId === ownerId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    if (options.cursor !== undefined && !/^[0-9]{1,9}$/.test(options.cursor)) {
      throw new ValidationError('The cursor is not one this API returned.');
    }
    const start = options.cursor ? Number(options.cursor) : 0;
    const items = all.slice(start, start + options.limit).map((n) => structuredClone(n));
    const next = start + options.limit;
    return next < all.length ? { items, nextCursor: String(next) } : { items };
  }
}
