import type { FragmentUsage } from '../../storyboard/chunk-plan.schema';
import { addUsage } from '../../pipeline/usage';

/**
 * Progress of a run's chunks, written at most once per `intervalMs` (plus `flush`), so a job
 * of many chunks does not pay a conditional job write per chunk. Counts only go up, writes
 * never overlap, and `flush` always writes the latest count, so nothing is lost at the end.
 * Chunks may finish in any order: the count is of chunks done, not the last index. Tokens
 * the chunks spent (LLM generators) ride along: each write carries those not written yet, and
 * a failed write keeps them for the next one.
 */
export class ChunkProgress {
  private done: number;
  private written: number;
  private lastWriteMs: number;
  private writing: Promise<void> | undefined;
  private unwritten: FragmentUsage | undefined;

  constructor(
    private readonly write: (done: number, spent: FragmentUsage | undefined) => Promise<void>,
    private readonly nowMs: () => number,
    private readonly intervalMs: number,
    alreadyDone: number,
  ) {
    this.done = alreadyDone;
    this.written = alreadyDone;
    this.lastWriteMs = nowMs();
  }

  /** One more chunk is saved (having spent `spent` tokens, if any); writes the count if the
   * interval has passed and no write is under way. Resolves when that write (if any) has
   * been made. */
  async chunkDone(spent?: FragmentUsage): Promise<void> {
    this.done++;
    if (spent) this.unwritten = addUsage(this.unwritten, spent);
    if (this.writing || this.nowMs() - this.lastWriteMs < this.intervalMs) return;
    await this.writeLatest();
  }

  /** Waits for a write under way, then writes the latest count if it is not written yet. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.done > this.written || this.unwritten) await this.writeLatest();
  }

  get count(): number {
    return this.done;
  }

  private async writeLatest(): Promise<void> {
    const done = this.done;
    const spent = this.unwritten;
    this.unwritten = undefined;
    this.lastWriteMs = this.nowMs();
    this.writing = this.write(done, spent);
    try {
      await this.writing;
      this.written = Math.max(this.written, done);
    } catch (err) {
      this.unwritten = addUsage(this.unwritten, spent);
      throw err;
    } finally {
      this.writing = undefined;
    }
  }
}
