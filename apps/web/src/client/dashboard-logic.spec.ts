import { describe, expect, it } from 'vitest';
import type { JobView } from '@storyboard/client';
import { formatDuration } from './dom';
import { describeChange } from './job-view';

const job = (over: Partial<JobView> = {}): JobView => ({
  id: 'j',
  novelId: 'n',
  status: 'running',
  backend: 'sqs',
  generator: 'heuristic',
  progress: { percentage: 10, stage: 'analyze-chunk', chunksDone: 0, chunksTotal: 4 },
  attempts: 1,
  error: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:01.000Z',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: null,
  ...over,
});

describe('timeline lines', () => {
  it('names what changed: chunks, status, retries and errors', () => {
    const a = job();
    expect(describeChange(undefined, a)).toBe('running · analyze-chunk · attempt 1');
    const b = job({ progress: { ...a.progress, percentage: 30, chunksDone: 1 } });
    expect(describeChange(a, b)).toBe('chunks 1/4');
    const failed = job({
      ...b,
      status: 'failed',
      error: { code: 'GENERATOR.INVALID_OUTPUT', message: 'bad', retryable: false },
    });
    expect(describeChange(b, failed)).toBe(
      'status running → failed · error GENERATOR.INVALID_OUTPUT: bad',
    );
    const retried = job({ ...failed, status: 'queued', attempts: 2, error: null });
    expect(describeChange(failed, retried)).toMatch(
      /^attempt 2 started \(retry\) · status failed → queued/,
    );
    expect(describeChange(a, { ...a })).toBeUndefined();
  });
});

describe('durations', () => {
  it('is finished − started, or now − started while running', () => {
    expect(formatDuration(null, null)).toBe('—');
    expect(formatDuration('2026-01-01T00:00:00Z', '2026-01-01T00:00:00.250Z')).toBe('250 ms');
    expect(formatDuration('2026-01-01T00:00:00Z', null, Date.parse('2026-01-01T00:01:05Z'))).toBe(
      '1 min 5 s',
    );
  });
});
