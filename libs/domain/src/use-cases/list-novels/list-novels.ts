import type { Novel } from '../../novel/novel';
import type { NovelPage, NovelRepository } from '../../ports/novel-repository.port';
import { NovelNotFoundError } from '../../errors';

export class ListNovels {
  constructor(private readonly novels: NovelRepository) {}

  execute(input: { ownerId: string; limit?: number; cursor?: string }): Promise<NovelPage> {
    const limit = Math.min(100, Math.max(1, input.limit ?? 20));
    return this.novels.list(input.ownerId, { limit, cursor: input.cursor });
  }
}

export class GetNovel {
  constructor(private readonly novels: NovelRepository) {}

  async execute(input: { ownerId: string; novelId: string }): Promise<Novel> {
    const novel = await this.novels.get(input.ownerId, input.novelId);
    if (!novel) throw new NovelNotFoundError(input.novelId);
    return novel;
  }
}
