import type { JobProgress } from '@storyboard/domain';

export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/**
 * Shows a job's progress: a redrawn bar on a terminal, one plain line per change otherwise
 * (logs, CI, pipes).
 */
export class ProgressReporter {
  private last = '';

  constructor(private readonly out: ProgressOutput) {}

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
    } else {
      this.out.write(`progress ${label}\n`);
    }
  }

  /** Ends the bar's line on a terminal. */
  done(): void {
    if (this.out.isTTY && this.last) this.out.write('\n');
  }
}
