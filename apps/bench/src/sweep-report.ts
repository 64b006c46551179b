import type { SweepFigures, SweepPoint } from './sweep';

const fmtS = (ms: number) =>
  Number.isFinite(ms)
    ? ms >= 10_000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.round(ms)} ms`
    : '—';
const usd = (n: number) => `$${n < 0.01 ? n.toFixed(5) : n.toFixed(3)}`;
const safe = (r: SweepFigures) =>
  r.lost === 0 && r.stalled === 0 && r.failed === 0 && r.completed > 0;

/** The fastest backend at one sweep point that failed, stalled and lost nothing. */
export function fastestSafeAt(point: SweepPoint): string | undefined {
  return Object.entries(point.backends)
    .filter(([, r]) => safe(r))
    .sort(([, a], [, b]) => a.completionMs.p50 - b.completionMs.p50)[0]?.[0];
}

function cell(r: SweepFigures | undefined): string {
  if (!r) return '—';
  const out = [`${r.completed}/${r.jobs}`];
  if (r.http504) out.push(`${r.http504}×504`);
  const otherFailed = r.failed - r.http504;
  if (otherFailed) out.push(`${otherFailed} failed`);
  if (r.stalled) out.push(`${r.stalled} stalled`);
  if (r.lost) out.push(`${r.lost} lost`);
  if (r.completed) out.push(`p50 ${fmtS(r.completionMs.p50)}`);
  return out.join(' · ');
}

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
const head = (cells: string[]) => `${row(cells)}\n|${cells.map(() => '---').join('|')}|`;

/** Sentences drawn from the sweep: where sync hit API Gateway's 29 s per workload, and which
 * backends lost work at any size. */
export function sweepFindings(sweep: readonly SweepPoint[]): string {
  const out: string[] = [];
  for (const workload of [...new Set(sweep.map((p) => p.workload))]) {
    const points = sweep.filter((p) => p.workload === workload && p.backends.sync);
    if (!points.length) continue;
    const ok = points.filter((p) => p.backends.sync?.completed === p.jobs);
    const cut = points.filter((p) => (p.backends.sync?.http504 ?? 0) > 0);
    const where = (ps: SweepPoint[]) => ps.map((p) => `${p.size} (${p.chars} chars)`).join(', ');
    let s = `With the ${workload} generator, **sync** completed every job at ${ok.length ? where(ok) : 'no size'}`;
    if (cut.length)
      s += ` and answered 504 at ${cut
        .map((p) => {
          const r = p.backends.sync as SweepFigures;
          const best = fastestSafeAt(p);
          const took = best
            ? `; the job took p50 ${fmtS(p.backends[best]?.completionMs.p50 ?? NaN)} on ${best}, the fastest safe backend there`
            : '';
          return `${p.size}: ${r.http504} of ${r.jobs} requests${took}`;
        })
        .join('; ')}`;
    out.push(`${s}.`);
  }
  const names = [...new Set(sweep.flatMap((p) => Object.keys(p.backends)))];
  const kept = names.filter((n) =>
    sweep.every((p) => !p.backends[n] || (p.backends[n].lost === 0 && p.backends[n].stalled === 0)),
  );
  const leaky = names.filter((n) => !kept.includes(n));
  if (kept.length)
    out.push(
      `Across the sweep, ${kept.map((n) => `**${n}**`).join(', ')} stalled and lost no job at any size.`,
    );
  for (const n of leaky) {
    const gone = sweep.reduce(
      (k, p) => k + (p.backends[n]?.lost ?? 0) + (p.backends[n]?.stalled ?? 0),
      0,
    );
    const total = sweep.reduce((k, p) => k + (p.backends[n]?.jobs ?? 0), 0);
    out.push(`**${n}** left ${gone} of ${total} sweep jobs unfinished.`);
  }
  return out.join(' ');
}

/** The report's sweep section: a size × backend overview and every run's figures. */
export function sweepMarkdown(sweep: readonly SweepPoint[], llm: string): string {
  const names = [...new Set(sweep.flatMap((p) => Object.keys(p.backends)))];
  const overview = [
    head(['workload', 'size', 'chars', 'jobs', ...names]),
    ...sweep.map((p) =>
      row([
        p.workload,
        p.size,
        String(p.chars),
        String(p.jobs),
        ...names.map((n) => cell(p.backends[n])),
      ]),
    ),
  ].join('\n');
  const detail = [
    head([
      'workload',
      'size',
      'backend',
      'completed',
      'failed',
      '504s',
      'stalled',
      'lost',
      'retries',
      'DLQ',
      'submit p50',
      'completion p50',
      'p95',
      'p99',
      'p50 vs fastest safe',
      'jobs/min',
      'per 1k jobs',
      'peak concurrency',
    ]),
    ...sweep.flatMap((p) => {
      const best = fastestSafeAt(p);
      const bestP50 = best ? (p.backends[best]?.completionMs.p50 ?? NaN) : NaN;
      return Object.entries(p.backends).map(([n, r]) =>
        row([
          p.workload,
          p.size,
          n,
          `${r.completed}/${r.jobs}`,
          String(r.failed),
          String(r.http504),
          String(r.stalled),
          String(r.lost),
          String(r.retries),
          String(r.dlq),
          fmtS(r.submitLatencyMs.p50),
          fmtS(r.completionMs.p50),
          fmtS(r.completionMs.p95),
          fmtS(r.completionMs.p99),
          Number.isFinite(r.completionMs.p50 / bestP50)
            ? `${(r.completionMs.p50 / bestP50).toFixed(2)}× ${best}`
            : '—',
          r.jobsPerMinute.toFixed(1),
          usd(r.costPer1kJobsUsd),
          Object.entries(r.functions)
            .filter(([, f]) => f.invocations > 0)
            .map(([f, s]) => `${f} ${s.peakConcurrency}`)
            .join(', '),
        ]),
      );
    }),
  ].join('\n');
  return `## Text-size sweep

Each size ran on every backend, on the same deployments as the main run, one run after another (each starting when the previous one's functions were idle and its queue empty). A size repeats the sample text up to its length (\`novel\` is a whole novel's file); it runs about the main run's amount of text (at least 2 jobs, at most the main run's). ${llm}

${overview}

${sweepFindings(sweep)}

Every sweep run's figures (ratios against the fastest backend at that size that failed, stalled and lost nothing):

${detail}
`;
}
