import type { Novel } from './novel';
import type { NovelRepository } from '../ports/novel-repository.port';
import type { NovelTextStore } from '../ports/novel-text-store.port';
import type { TextAnalyzer } from '../ports/text-analyzer.port';
import { NovelNotReadyError } from '../errors';

/**
 * Makes an uploaded novel usable: once its bytes are in the store, reads them (refusing
 * what is not text) and marks it ready. A ready novel is returned as it is; one whose bytes
 * have not arrived throws `NovelNotReadyError`.
 */
export async function finalizeUpload(
  novel: Novel,
  deps: { novels: NovelRepository; texts: NovelTextStore; analyzer: TextAnalyzer },
): Promise<Novel> {
  if (novel.status === 'ready') return novel;
  const bytes = await deps.texts.get(novel.textKey);
  if (!bytes) throw new NovelNotReadyError(novel.id);
  const ingested = await deps.analyzer.ingest(bytes);
  const ready: Novel = {
    ...novel,
    status: 'ready',
    language: ingested.language,
    encoding: ingested.encoding,
    sizeBytes: bytes.byteLength,
    length: ingested.text.length,
  };
  await deps.novels.save(ready);
  return ready;
}
