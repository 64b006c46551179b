import type { NovelTextStore } from '../ports/novel-text-store.port';

export class InMemoryNovelTextStore implements NovelTextStore {
  private readonly objects = new Map<string, Uint8Array>();

  async put(key: string, body: Uint8Array): Promise<void> {
    this.objects.set(key, body.slice());
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.objects.get(key)?.slice();
  }

  async size(key: string): Promise<number | undefined> {
    return this.objects.get(key)?.byteLength;
  }

  /** Test helper: removes an object, as if it had never been written. */
  delete(key: string): void {
    this.objects.delete(key);
  }
}
