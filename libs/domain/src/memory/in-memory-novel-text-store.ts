import type { NovelTextStore } from '../ports/novel-text-store.port';
import { InMemoryBlobStore } from './in-memory-blob-store';

export class InMemoryNovelTextStore extends InMemoryBlobStore implements NovelTextStore {
  async size(key: string): Promise<number | undefined> {
    return this.objects.get(key)?.byteLength;
  }
}
