import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { COST_SERVICES } from './cost-model';
import type { BackendResult } from './sim-run';
import { API_GATEWAY_TIMEOUT_MS } from './sim-run';
import type { SweepPoint } from './sweep';

/** How the charts' legends name each billed service. */
const SERVICE_LABELS: Record<(typeof COST_SERVICES)[number], string> = {
  lambda: 'Lambda',
  apiGateway: 'API Gateway',
  sqs: 'SQS',
  stepFunctions: 'Step Functions',
  durable: 'Lambda durable functions',
  dynamodb: 'DynamoDB',
  s3: 'S3',
  modelStudio: 'Model Studio tokens',
};

/** Renders a Vega-Lite spec to SVG in Node (no browser, no canvas). */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The report's charts, from the run's samples: file name → SVG. Every backend keeps one
 * colour in every chart, and one with no completed job still has its (empty) row. */
export async function renderCharts(
  backends: Record<string, BackendResult>,
  sweep: readonly SweepPoint[] = [],
): Promise<Record<string, string>> {
  const entries = Object.entries(backends);
  const names = entries.map(([n]) => n);
  const color = { field: 'backend', type: 'nominal', scale: { domain: names } } as const;
  const completion = entries.flatMap(([backend, r]) =>
    r.samples.completionMs.map((ms) => ({ backend, seconds: ms / 1000 })),
  );
  const overTime = entries.flatMap(([backend, r]) =>
    [...r.samples.completedAtMs]
      .sort((a, b) => a - b)
      .map((ms, i) => ({ backend, seconds: ms / 1000, completed: i + 1 })),
  );
  const cost = (withTokens: boolean) =>
    entries.flatMap(([backend, r]) =>
      COST_SERVICES.filter((s) => withTokens || s !== 'modelStudio').map((service, rank) => ({
        backend,
        service: SERVICE_LABELS[service],
        rank,
        usd: r.costBreakdown[service],
      })),
    );
  const costChart = (title: string, withTokens: boolean): TopLevelSpec => ({
    title,
    width: 480,
    height: 28 * names.length,
    data: { values: cost(withTokens) },
    mark: 'bar',
    encoding: {
      y: { field: 'backend', type: 'nominal', scale: { domain: names }, title: null },
      x: { field: 'usd', type: 'quantitative', stack: 'zero', title: 'US$ per 1,000 jobs' },
      color: {
        field: 'service',
        type: 'nominal',
        title: 'service',
        legend: { labelLimit: 260 },
        scale: {
          domain: COST_SERVICES.filter((s) => withTokens || s !== 'modelStudio').map(
            (s) => SERVICE_LABELS[s],
          ),
        },
      },
      order: { field: 'rank' },
    },
  });
  const tokens = entries.some(([, r]) => r.costBreakdown.modelStudio > 0);
  const charts: Record<string, string> = {
    'completion-time.svg': await toSvg({
      title: {
        text: 'Time to completion per job (one tick per completed job)',
        subtitle: 'a backend with no tick completed no job',
      },
      width: 480,
      height: 26 * names.length,
      data: { values: completion },
      mark: { type: 'tick', thickness: 2 },
      encoding: {
        x: { field: 'seconds', type: 'quantitative', title: 'seconds from submit to completed' },
        y: { field: 'backend', type: 'nominal', scale: { domain: names }, title: null },
        color: { ...color, legend: null },
      },
    }),
    'completions-over-time.svg': await toSvg({
      title: 'Completed jobs over time',
      width: 480,
      height: 240,
      data: { values: overTime },
      mark: { type: 'line', interpolate: 'step-after', point: true },
      encoding: {
        x: { field: 'seconds', type: 'quantitative', title: 'seconds since the first submit' },
        y: { field: 'completed', type: 'quantitative', title: 'jobs completed' },
        color,
      },
    }),
    'cost-per-1k-jobs.svg': await toSvg(costChart('Cost per 1,000 jobs by service (US$)', true)),
  };
  if (tokens)
    charts['cost-per-1k-jobs-infrastructure.svg'] = await toSvg(
      costChart('Cost per 1,000 jobs without the LLM tokens (US$)', false),
    );
  if (sweep.length) charts['sweep-completion.svg'] = await toSvg(sweepChart(sweep, names));
  return charts;
}

/** Completion p50 by text size, one line per backend and one panel per workload, with API
 * Gateway's 29 s limit drawn: where sync's line stops, its requests were answered 504. */
function sweepChart(sweep: readonly SweepPoint[], names: string[]): TopLevelSpec {
  const values = sweep.flatMap((p) =>
    Object.entries(p.backends)
      .filter(([, r]) => r.completed > 0)
      .map(([backend, r]) => ({
        workload: p.workload,
        chars: p.chars,
        backend,
        seconds: r.completionMs.p50 / 1000,
      })),
  );
  return {
    title: {
      text: 'Completion p50 by text size',
      subtitle: `dashed: API Gateway's ${API_GATEWAY_TIMEOUT_MS / 1000} s limit; a missing point = no job completed`,
    },
    data: { values },
    facet: { column: { field: 'workload', type: 'nominal', title: 'generator' } },
    spec: {
      width: 300,
      height: 220,
      layer: [
        {
          mark: { type: 'line', point: true },
          encoding: {
            x: {
              field: 'chars',
              type: 'quantitative',
              scale: { type: 'log' },
              title: 'characters per job (log)',
            },
            y: { field: 'seconds', type: 'quantitative', title: 'completion p50, s' },
            color: { field: 'backend', type: 'nominal', scale: { domain: names } },
          },
        },
        {
          mark: { type: 'rule', strokeDash: [4, 4], color: '#888' },
          encoding: { y: { datum: API_GATEWAY_TIMEOUT_MS / 1000 } },
        },
      ],
    },
  };
}
