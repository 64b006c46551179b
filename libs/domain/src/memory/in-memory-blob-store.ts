import type { BlobStore } from '../ports/blob-store.port';

/** A `BlobStore` in a map; copies bytes in and out, so callers cannot change what is stored. */
export class InMemoryBlobStore implements BlobStore {
  protected readonly objects = new Map<string, Uint8Array>();

  async put(key: string, body: Uint8Array): Promise<void> {
    this.objects.set(key, body.slice());
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.objects.get(key)?.slice();
  }

  /** Test helper: removes an object, as if it had never been written. */
  delete(key: string): void {
    this.objects.delete(key);
  }

  /** Test helper: the keys stored, in insertion order. */
  keys(): string[] {
    return [...this.objects.keys()];
  }
}
