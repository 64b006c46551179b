import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { COST_SERVICES } from './cost-model';
import type { BackendResult } from './sim-run';

/** Renders a Vega-Lite spec to SVG in Node (no browser, no canvas). */
export async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The report's charts, from the run's samples: file name → SVG. */
export async function renderCharts(
  backends: Record<string, BackendResult>,
): Promise<Record<string, string>> {
  const entries = Object.entries(backends);
  const completion = entries.flatMap(([backend, r]) =>
    r.samples.completionMs.map((ms) => ({ backend, seconds: ms / 1000 })),
  );
  const overTime = entries.flatMap(([backend, r]) =>
    [...r.samples.completedAtMs]
      .sort((a, b) => a - b)
      .map((ms, i) => ({ backend, seconds: ms / 1000, completed: i + 1 })),
  );
  const cost = entries.flatMap(([backend, r]) =>
    COST_SERVICES.map((service) => ({ backend, service, usd: r.costBreakdown[service] })),
  );
  return {
    'completion-time.svg': await toSvg({
      title: 'Time to completion per job',
      width: 480,
      height: 60,
      data: { values: completion },
      mark: { type: 'tick', thickness: 2 },
      encoding: {
        x: { field: 'seconds', type: 'quantitative', title: 'seconds from submit to completed' },
        y: { field: 'backend', type: 'nominal' },
        color: { field: 'backend', type: 'nominal', legend: null },
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
        color: { field: 'backend', type: 'nominal' },
      },
    }),
    'cost-per-1k-jobs.svg': await toSvg({
      title: 'Cost per 1,000 jobs by service (US$)',
      width: 480,
      height: 160,
      data: { values: cost },
      mark: 'bar',
      encoding: {
        y: { field: 'backend', type: 'nominal' },
        x: { field: 'usd', type: 'quantitative', stack: 'zero', title: 'US$ per 1,000 jobs' },
        color: { field: 'service', type: 'nominal' },
      },
    }),
  };
}
