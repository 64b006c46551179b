/** Jobs whose chunk texts are kept at once (a run that failed before its chunks leaves its
 * texts here until two newer jobs push them out). */
const MAX_JOBS = 2;
/** Bytes kept per job: the rest of a bigger book's chunks are read back from the store. */
const MAX_BYTES_PER_JOB = 16 * 1024 * 1024;

/**
 * The chunk texts `prepare` has just written, as the very bytes it wrote, handed to the
 * chunks of the same run in the same process instead of being read back from the text
 * store. A chunk text is immutable (deterministic key, written once per plan, identical if
 * written again), so taking it here or reading it from the store gives the same bytes. Each
 * text is handed out once (then dropped); bounded per job and in jobs.
 */
export class KeptChunkTexts {
  private readonly jobs = new Map<string, Map<number, Uint8Array>>();

  /** Starts keeping `jobId`'s texts (forgetting the oldest job beyond the bound). */
  open(jobId: string): (chunkIndex: number, bytes: Uint8Array) => void {
    this.jobs.delete(jobId);
    const texts = new Map<number, Uint8Array>();
    this.jobs.set(jobId, texts);
    while (this.jobs.size > MAX_JOBS) {
      const oldest = this.jobs.keys().next().value;
      if (oldest === undefined) break;
      this.jobs.delete(oldest);
    }
    let bytesKept = 0;
    return (chunkIndex, bytes) => {
      if (bytesKept + bytes.byteLength > MAX_BYTES_PER_JOB) return;
      bytesKept += bytes.byteLength;
      texts.set(chunkIndex, bytes);
    };
  }

  /** The kept text of a chunk, once; undefined when not kept (read it from the store). */
  take(jobId: string, chunkIndex: number): Uint8Array | undefined {
    const texts = this.jobs.get(jobId);
    const bytes = texts?.get(chunkIndex);
    texts?.delete(chunkIndex);
    return bytes;
  }

  /** Forgets what is left of `jobId`'s texts (the run's chunks are over or it yields). */
  drop(jobId: string): void {
    this.jobs.delete(jobId);
  }
}
