import { expect, it } from 'vitest';
import { renderCharts } from './charts';
import type { BackendResult } from './sim-run';
import type { SweepPoint } from './sweep';

const result = (completionMs: number[], lambda: number, modelStudio = 0): BackendResult =>
  ({
    completed: completionMs.length,
    completionMs: { p50: completionMs[0] ?? NaN, p95: NaN, p99: NaN },
    samples: { completionMs, completedAtMs: completionMs.map((ms, i) => ms + i * 100) },
    costBreakdown: {
      lambda,
      apiGateway: 0.001,
      sqs: 0.002,
      stepFunctions: 0,
      durable: 0,
      dynamodb: 0.003,
      s3: 0.0001,
      modelStudio,
    },
  }) as BackendResult;

it('renders the three charts as SVG from the run samples, every backend named', async () => {
  const charts = await renderCharts({
    sqs: result([1200, 1500], 0.05),
    sync: result([900], 0.02),
    'fire-and-forget': result([], 0.01),
  });
  expect(Object.keys(charts)).toEqual([
    'completion-time.svg',
    'completions-over-time.svg',
    'cost-per-1k-jobs.svg',
  ]);
  for (const svg of Object.values(charts)) {
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('sqs');
    expect(svg).toContain('sync');
  }
  // A backend that completed nothing keeps its row, so the chart says so.
  expect(charts['completion-time.svg']).toContain('fire-and-forget');
  expect(charts['cost-per-1k-jobs.svg']).toContain('DynamoDB');
});

it('adds the cost without LLM tokens and the sweep chart when there are tokens and a sweep', async () => {
  const sweep: SweepPoint[] = [5_000, 500_000].map((chars) => ({
    workload: 'qwen',
    size: `${chars / 1000}k`,
    chars,
    title: 't',
    jobs: 2,
    backends: { sqs: result([chars / 10], 0.05), sync: result(chars > 100_000 ? [] : [500], 0.02) },
  }));
  const charts = await renderCharts(
    { sqs: result([1200], 0.05, 8), sync: result([900], 0.02, 8) },
    sweep,
  );
  expect(charts['cost-per-1k-jobs.svg']).toContain('Model Studio tokens');
  expect(charts['cost-per-1k-jobs-infrastructure.svg']).not.toContain('Model Studio tokens');
  expect(charts['sweep-completion.svg']).toContain('Completion p50 by text size');
  expect(charts['sweep-completion.svg']).toContain('qwen');
});
