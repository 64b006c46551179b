/**
 * Opaque bytes under string keys: an S3 bucket in production, a map in tests. Table adapters
 * put payloads too large for a row here (the storyboard overflow) and keep only the key.
 * Keys are slash-separated paths (`jobs/{jobId}/items/CHUNK-00003.json`).
 */
export interface BlobStore {
  /**
   * Stores `body` under `key`, replacing whatever was there. Idempotent: putting the same
   * bytes again leaves the same object. Unavailable storage throws `StorageUnavailableError`.
   */
  put(key: string, body: Uint8Array): Promise<void>;

  /**
   * Exactly the bytes last put under `key` (empty included), or `undefined` when nothing is
   * stored there (never throws for a missing key). Unavailable storage throws
   * `StorageUnavailableError`.
   */
  get(key: string): Promise<Uint8Array | undefined>;
}
