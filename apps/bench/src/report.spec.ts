import { expect, it } from 'vitest';
import { fastestSafe, recommendation } from './report';
import type { BackendResult } from './sim-run';

const r = (o: Partial<BackendResult>): BackendResult =>
  ({
    completed: 10,
    failed: 0,
    stalled: 0,
    lost: 0,
    http504: 0,
    retries: 0,
    dlq: 0,
    jobs: 10,
    endedBy: 'all-terminal',
    completionMs: { p50: 1_000, p95: 1_000, p99: 1_000 },
    jobsPerMinute: 60,
    costPer1kJobsUsd: 1,
    ...o,
  }) as BackendResult;

it('takes as the base of ratios only a backend that failed, stalled and lost nothing', () => {
  const backends = {
    sync: r({ completed: 9, failed: 1, http504: 1, completionMs: { p50: 500, p95: 1, p99: 1 } }),
    sqs: r({ completionMs: { p50: 4_000, p95: 1, p99: 1 } }),
    stepfunctions: r({ completionMs: { p50: 8_000, p95: 1, p99: 1 }, costPer1kJobsUsd: 3 }),
    'fire-and-forget': r({ completed: 0, lost: 10 }),
  };
  expect(fastestSafe(backends)).toBe('sqs');
  const text = recommendation(backends);
  expect(text).toContain('**fire-and-forget** left 10 of 10 jobs unfinished (0 stalled, 10 lost)');
  expect(text).toContain('**sync** answered 1 of 10 requests with 504');
  expect(text).toContain('**sqs** completed fastest');
  expect(text).toContain('**stepfunctions**: completion p50 2.00× and cost 3.00× of sqs');
});

it('tells a run cut by the bench’s timeout (stalled, none lost) from lost work', () => {
  const text = recommendation({ sqs: r({ completed: 1, stalled: 1, endedBy: 'timeout' }) });
  expect(text).toContain('still running 1 of 10 jobs when the run');
  expect(text).not.toContain('do not use');
});

it('reads a 504 on an asynchronous backend as a slow submit, not as a job past 29 s', () => {
  const text = recommendation({ durable: r({ completed: 9, failed: 1, http504: 1 }) });
  expect(text).toContain('**durable**: 1 of 10 submit requests were cut at 29 s');
  expect(text).not.toContain('only for jobs that finish well inside 29 s');
});
