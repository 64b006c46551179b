import type { BlobStore } from './blob-store.port';

/** A novel's uploaded bytes and its jobs' chunk texts: a blob store that also answers sizes
 * (direct uploads are checked against the size announced before the upload). */
export interface NovelTextStore extends BlobStore {
  /** Stores bytes under `key`, replacing what was there (idempotent for equal bytes). */
  put(key: string, body: Uint8Array): Promise<void>;

  /** The bytes under `key`, or `undefined` when nothing is stored there. */
  get(key: string): Promise<Uint8Array | undefined>;

  /** The stored size in bytes, or `undefined` when nothing is stored there. */
  size(key: string): Promise<number | undefined>;
}
