import { expect, it } from 'vitest';
import { UsageError, parseSizes, sweepJobs } from './sweep';
import type { SweepFigures, SweepPoint } from './sweep';
import { fastestSafeAt, sweepFindings, sweepMarkdown } from './sweep-report';

it('reads sizes in characters, k and m, and the novel file', () => {
  expect(parseSizes('5k, 50k,500K,1.5m,1200,novel', '/n.txt')).toEqual([
    { label: '5k', chars: 5_000 },
    { label: '50k', chars: 50_000 },
    { label: '500k', chars: 500_000 },
    { label: '1.5m', chars: 1_500_000 },
    { label: '1200', chars: 1_200 },
    { label: 'novel', file: '/n.txt' },
  ]);
  expect(() => parseSizes('5k,huge', '/n.txt')).toThrow(UsageError);
  expect(() => parseSizes('5k,huge', '/n.txt')).toThrow(/"huge" is not a size/);
  expect(() => parseSizes('0k', '/n.txt')).toThrow(UsageError);
});

it('runs about the main run’s amount of text per size: at least 2 jobs, at most --jobs', () => {
  expect(sweepJobs(40, 8_000, 5_000)).toBe(40);
  expect(sweepJobs(40, 8_000, 50_000)).toBe(7);
  expect(sweepJobs(40, 8_000, 500_000)).toBe(2);
  expect(sweepJobs(1, 8_000, 500_000)).toBe(2);
});

const fig = (o: Partial<SweepFigures>): SweepFigures =>
  ({
    completed: 2,
    failed: 0,
    stalled: 0,
    lost: 0,
    http504: 0,
    retries: 0,
    dlq: 0,
    jobs: 2,
    submitLatencyMs: { p50: 100, p95: 100, p99: 100 },
    completionMs: { p50: 5_000, p95: 6_000, p99: 6_000 },
    jobsPerMinute: 10,
    costPer1kJobsUsd: 1,
    functions: {},
    ...o,
  }) as SweepFigures;

const point = (
  workload: 'heuristic' | 'qwen',
  size: string,
  chars: number,
  b: Record<string, SweepFigures>,
): SweepPoint => ({
  workload,
  size,
  chars,
  title: 't',
  jobs: 2,
  backends: b,
});

it('says where sync hit 29 s per workload and who lost work, from the numbers', () => {
  const nan = { p50: NaN, p95: NaN, p99: NaN };
  const sweep = [
    point('heuristic', '500k', 500_000, {
      sync: fig({ completionMs: { p50: 900, p95: 900, p99: 900 } }),
      sqs: fig({}),
    }),
    point('qwen', '5k', 5_000, { sync: fig({}), sqs: fig({}) }),
    point('qwen', '500k', 500_000, {
      sync: fig({ completed: 0, failed: 2, http504: 2, completionMs: nan }),
      sqs: fig({ completionMs: { p50: 64_000, p95: 70_000, p99: 70_000 } }),
      'fire-and-forget': fig({ completed: 0, lost: 2, completionMs: nan }),
    }),
  ];
  expect(fastestSafeAt(sweep[2] as SweepPoint)).toBe('sqs');
  const text = sweepFindings(sweep);
  expect(text).toContain(
    'With the heuristic generator, **sync** completed every job at 500k (500000 chars).',
  );
  expect(text).toContain(
    'With the qwen generator, **sync** completed every job at 5k (5000 chars) and answered 504 at 500k: 2 of 2 requests; the job took p50 64.0 s on sqs',
  );
  expect(text).toContain('**sync**, **sqs** stalled and lost no job at any size');
  expect(text).toContain('**fire-and-forget** left 2 of 2 sweep jobs unfinished.');
  const md = sweepMarkdown(sweep, '');
  expect(md).toContain(
    '| qwen | 500k | 500000 | 2 | 0/2 · 2×504 | 2/2 · p50 64.0 s | 0/2 · 2 lost |',
  );
});
