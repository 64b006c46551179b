/**
 * Progress of a run's chunks, written at most once per `intervalMs` (plus `flush`), so a job
 * of many chunks does not pay a conditional job write per chunk. Counts only go up, writes
 * never overlap, and `flush` always writes the latest count, so nothing is lost at the end.
 * Chunks may finish in any order: the count is of chunks done, not the last index.
 */
export class ChunkProgress {
  private done: number;
  private written: number;
  private lastWriteMs: number;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly write: (done: number) => Promise<void>,
    private readonly nowMs: () => number,
    private readonly intervalMs: number,
    alreadyDone: number,
  ) {
    this.done = alreadyDone;
    this.written = alreadyDone;
    this.lastWriteMs = nowMs();
  }

  /** One more chunk is saved; writes the count if the interval has passed and no write is
   * under way. Resolves when that write (if any) has been made. */
  async chunkDone(): Promise<void> {
    this.done++;
    if (this.writing || this.nowMs() - this.lastWriteMs < this.intervalMs) return;
    await this.writeLatest();
  }

  /** Waits for a write under way, then writes the latest count if it is not written yet. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.done > this.written) await this.writeLatest();
  }

  get count(): number {
    return this.done;
  }

  private async writeLatest(): Promise<void> {
    const done = this.done;
    this.lastWriteMs = this.nowMs();
    this.writing = this.write(done);
    try {
      await this.writing;
      this.written = Math.max(this.written, done);
    } finally {
      this.writing = undefined;
    }
  }
}
