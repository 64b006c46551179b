import type { JobProgress } from '@storyboard/domain';

export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** Plain progress lines (not a terminal) at most this often, plus one per stage change. */
export const PLAIN_LINE_INTERVAL_MS = 1000;

/**
 * Shows a job's progress: a redrawn bar on a terminal; otherwise (logs, CI, pipes) a plain
 * line when the stage changes and at most one a second in between, and on `done` the last
 * state if it was not printed yet, so a long job prints a few hundred lines, not thousands.
 */
export class ProgressReporter {
  private last = '';
  private lastStage = '';
  private lastLineMs = Number.NEGATIVE_INFINITY;
  private unprinted: string | undefined;

  constructor(
    private readonly out: ProgressOutput,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  update(progress: JobProgress): void {
    const chunks = progress.chunksTotal
      ? ` ${progress.chunksDone}/${progress.chunksTotal} chunks`
      : '';
    const label = `${progress.percentage}% ${progress.stage}${chunks}`;
    if (label === this.last) return;
    this.last = label;
    if (this.out.isTTY) {
      const width = Math.max(10, Math.min(40, (this.out.columns ?? 80) - 40));
      const filled = Math.round((progress.percentage / 100) * width);
      this.out.write(`\r\x1b[2K[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${label}`);
      return;
    }
    const now = this.nowMs();
    if (progress.stage !== this.lastStage || now - this.lastLineMs >= PLAIN_LINE_INTERVAL_MS) {
      this.lastStage = progress.stage;
      this.lastLineMs = now;
      this.unprinted = undefined;
      this.out.write(`progress ${label}\n`);
    } else {
      this.unprinted = label;
    }
  }

  /** Ends the bar's line on a terminal; prints the last state elsewhere if it was held back. */
  done(): void {
    if (this.out.isTTY && this.last) this.out.write('\n');
    if (!this.out.isTTY && this.unprinted) this.out.write(`progress ${this.unprinted}\n`);
    this.unprinted = undefined;
  }
}
