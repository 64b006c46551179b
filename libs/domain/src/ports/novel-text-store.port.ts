export interface NovelTextStore {
  /** Stores bytes under `key`, replacing what was there (idempotent for equal bytes). */
  put(key: string, body: Uint8Array): Promise<void>;

  /** The bytes under `key`, or `undefined` when nothing is stored there. */
  get(key: string): Promise<Uint8Array | undefined>;

  /** The stored size in bytes, or `undefined` when nothing is stored there. */
  size(key: string): Promise<number | undefined>;
}
