import type { NovelPage, NovelRepository } from '../../ports/novel-repository.port';

export class ListNovels {
  constructor(private readonly novels: NovelRepository) {}

  execute(input: { ownerId: string; limit?: number; cursor?: string }): Promise<NovelPage> {
    const limit = Math.min(100, Math.max(1, input.limit ?? 20));
    return this.novels.list(input.ownerId, { limit, cursor: input.cursor });
  }
}
