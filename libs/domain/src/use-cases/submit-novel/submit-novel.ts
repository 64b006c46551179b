import type { Novel } from '../../novel/novel';
import { novelTextKey } from '../../novel/novel';
import type { NovelRepository } from '../../ports/novel-repository.port';
import type { NovelTextStore } from '../../ports/novel-text-store.port';
import type { TextAnalyzer } from '../../ports/text-analyzer.port';
import type { Clock } from '../../ports/clock.port';
import type { IdGenerator } from '../../ports/id-generator.port';
import { NovelTooLargeError, ValidationError } from '../../errors';

export interface SubmitNovelInput {
  ownerId: string;
  /** The title to use; when absent, the title the text states, then `defaultTitle`. */
  title?: string;
  defaultTitle?: string;
  bytes: Uint8Array;
}

export interface SubmitNovelDeps {
  novels: NovelRepository;
  texts: NovelTextStore;
  analyzer: TextAnalyzer;
  clock: Clock;
  ids: IdGenerator;
  maxNovelBytes: number;
}

/** Stores an uploaded novel after checking that it is text the engine can read. */
export class SubmitNovel {
  constructor(private readonly deps: SubmitNovelDeps) {}

  async execute(input: SubmitNovelInput): Promise<Novel> {
    const given = input.title?.trim();
    if (input.title !== undefined && !given) {
      throw new ValidationError('A novel needs a title: pass a non-empty title.');
    }
    const { maxNovelBytes } = this.deps;
    if (input.bytes.byteLength > maxNovelBytes) {
      throw new NovelTooLargeError(input.bytes.byteLength, maxNovelBytes);
    }
    const ingested = await this.deps.analyzer.ingest(input.bytes);
    const title = given || ingested.title || input.defaultTitle?.trim();
    if (!title) {
      throw new ValidationError('The text states no title: pass one for the novel.');
    }
    if (title.length > 300) throw new ValidationError('A title has at most 300 characters.');
    const id = this.deps.ids.newId();
    const novel: Novel = {
      id,
      ownerId: input.ownerId,
      title,
      status: 'ready',
      language: ingested.language,
      encoding: ingested.encoding,
      sizeBytes: input.bytes.byteLength,
      length: ingested.text.length,
      textKey: novelTextKey(input.ownerId, id),
      createdAt: this.deps.clock.now(),
      latestJobId: null,
    };
    // Text first, record last: a novel that is listed always has its text.
    await this.deps.texts.put(novel.textKey, input.bytes);
    await this.deps.novels.save(novel);
    return novel;
  }
}
