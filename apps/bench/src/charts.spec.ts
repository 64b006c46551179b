import { expect, it } from 'vitest';
import { renderCharts } from './charts';
import type { BackendResult } from './sim-run';

const result = (completionMs: number[], lambda: number): BackendResult =>
  ({
    samples: { completionMs, completedAtMs: completionMs.map((ms, i) => ms + i * 100) },
    costBreakdown: {
      lambda,
      apiGateway: 0.001,
      sqs: 0.002,
      stepFunctions: 0,
      dynamodb: 0.003,
      s3: 0.0001,
      modelStudio: 0,
    },
  }) as BackendResult;

it('renders the three charts as SVG from the run samples', async () => {
  const charts = await renderCharts({ sqs: result([1200, 1500], 0.05), sync: result([900], 0.02) });
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
  expect(charts['cost-per-1k-jobs.svg']).toContain('dynamodb');
});
