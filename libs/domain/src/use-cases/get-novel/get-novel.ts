import type { Novel } from '../../novel/novel';
import type { NovelRepository } from '../../ports/novel-repository.port';
import { NovelNotFoundError } from '../../errors';

export class GetNovel {
  constructor(private readonly novels: NovelRepository) {}

  async execute(input: { ownerId: string; novelId: string }): Promise<Novel> {
    const novel = await this.novels.get(input.ownerId, input.novelId);
    if (!novel) throw new NovelNotFoundError(input.novelId);
    return novel;
  }
}
