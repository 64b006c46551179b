import type { Novel } from '../novel/novel';
import type { NovelPage, NovelRepository } from '../ports/novel-repository.port';

export class InMemoryNovelRepository implements NovelRepository {
  private readonly novels = new Map<string, Novel>();

  async save(novel: Novel): Promise<void> {
    this.novels.set(`${novel.ownerId}/${novel.id}`, structuredClone(novel));
  }

  async get(ownerId: string, novelId: string): Promise<Novel | undefined> {
    const novel = this.novels.get(`${ownerId}/${novelId}`);
    return novel && structuredClone(novel);
  }

  async list(ownerId: string, options: { limit: number; cursor?: string }): Promise<NovelPage> {
    const all = [...this.novels.values()]
      .filter((n) => n.ownerId === ownerId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    const start = options.cursor ? Number(options.cursor) : 0;
    const items = all.slice(start, start + options.limit).map((n) => structuredClone(n));
    const next = start + options.limit;
    return next < all.length ? { items, nextCursor: String(next) } : { items };
  }
}
