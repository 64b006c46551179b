import type { Novel } from '../../novel/novel';
import { novelTextKey } from '../../novel/novel';
import type { Clock } from '../../ports/clock.port';
import type { IdGenerator } from '../../ports/id-generator.port';
import type { NovelRepository } from '../../ports/novel-repository.port';
import type { UploadUrlSigner } from '../../ports/upload-url-signer.port';
import { NovelTooLargeError, UploadsUnavailableError, ValidationError } from '../../errors';

export interface CreateNovelUploadDeps {
  novels: NovelRepository;
  signer: UploadUrlSigner | undefined;
  clock: Clock;
  ids: IdGenerator;
  maxNovelBytes: number;
  /** How long the upload URL stays valid (default 15 minutes). */
  expiresInSeconds?: number;
}

export interface NovelUpload {
  novel: Novel;
  uploadUrl: string;
  expiresInSeconds: number;
}

/** Registers a novel too big to send inline and returns a URL to PUT its bytes to. The novel
 * becomes usable once the bytes are there (see `finalizeUpload`). */
export class CreateNovelUpload {
  constructor(private readonly deps: CreateNovelUploadDeps) {}

  async execute(input: {
    ownerId: string;
    title: string;
    sizeBytes: number;
  }): Promise<NovelUpload> {
    const { signer, maxNovelBytes } = this.deps;
    if (!signer) {
      throw new UploadsUnavailableError(
        'Direct uploads need S3 storage (STORAGE=aws); send the text inline instead.',
      );
    }
    const title = input.title.trim();
    if (!title) throw new ValidationError('A novel needs a title: pass a non-empty title.');
    if (!Number.isInteger(input.sizeBytes) || input.sizeBytes < 1) {
      throw new ValidationError('sizeBytes must be a positive whole number of bytes.');
    }
    if (input.sizeBytes > maxNovelBytes)
      throw new NovelTooLargeError(input.sizeBytes, maxNovelBytes);
    const id = this.deps.ids.newId();
    const novel: Novel = {
      id,
      ownerId: input.ownerId,
      title,
      status: 'awaiting-upload',
      language: null,
      encoding: null,
      sizeBytes: input.sizeBytes,
      length: null,
      textKey: novelTextKey(input.ownerId, id),
      createdAt: this.deps.clock.now(),
      latestJobId: null,
    };
    await this.deps.novels.save(novel);
    const expiresInSeconds = this.deps.expiresInSeconds ?? 900;
    const uploadUrl = await signer.presignPut(novel.textKey, input.sizeBytes, expiresInSeconds);
    return { novel, uploadUrl, expiresInSeconds };
  }
}
