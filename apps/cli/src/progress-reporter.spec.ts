import { describe, expect, it } from 'vitest';
import { ProgressReporter } from './progress-reporter';

const at = (chunksDone: number, stage: 'analyze-chunk' | 'assemble' = 'analyze-chunk') => ({
  percentage: 10 + chunksDone,
  stage,
  chunksDone,
  chunksTotal: 80,
});

describe('ProgressReporter off a terminal', () => {
  it('prints at most one line a second, one per stage change, and the last state at the end', () => {
    const lines: string[] = [];
    let now = 0;
    const reporter = new ProgressReporter({ write: (t) => lines.push(t) }, () => now);
    for (let done = 1; done <= 50; done++) {
      now += 100; // a change every 100 ms for 5 s
      reporter.update(at(done));
    }
    reporter.update({ ...at(50, 'assemble'), percentage: 99 });
    now += 10;
    reporter.update({ ...at(80, 'assemble'), percentage: 99 });
    reporter.done();
    expect(lines).toEqual([
      'progress 11% analyze-chunk 1/80 chunks\n',
      'progress 21% analyze-chunk 11/80 chunks\n',
      'progress 31% analyze-chunk 21/80 chunks\n',
      'progress 41% analyze-chunk 31/80 chunks\n',
      'progress 51% analyze-chunk 41/80 chunks\n',
      'progress 99% assemble 50/80 chunks\n',
      'progress 99% assemble 80/80 chunks\n',
    ]);
  });
});
