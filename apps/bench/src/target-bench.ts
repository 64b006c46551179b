import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TargetResult } from './target-run';
import { runOnTarget, uploadNovel } from './target-run';

export interface TargetBenchOptions {
  url: string;
  token?: string;
  user?: string;
  backends: readonly string[];
  bytes: Uint8Array;
  title: string;
  jobs: number;
  concurrency: number;
  timeoutMs: number;
  out?: string;
  machine: Record<string, unknown>;
  command: string;
}

const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : '—');

/** The report of a run against a deployment: what a client saw, per backend. */
export function targetReport(
  o: Pick<TargetBenchOptions, 'url' | 'command' | 'jobs' | 'concurrency'>,
  backends: Record<string, TargetResult>,
): string {
  const rows = Object.entries(backends).map(
    ([name, r]) =>
      `| ${name} | ${r.completed}/${r.jobs} | ${r.failed} | ${r.unfinished} | ${r.http504} | ${r.wrongBackend} | ${ms(r.submitLatencyMs.p50)} | ${ms(r.submitLatencyMs.p95)} | ${ms(r.completionMs.p50)} | ${ms(r.completionMs.p95)} | ${r.jobsPerMinute.toFixed(1)} |`,
  );
  return `# Which backend? — measured against ${o.url}

Command: \`${o.command}\`. ${o.jobs} jobs per backend, ${o.concurrency} clients, each backend picked per request (\`POST /novels/{id}/analyses {"backend"}\`, the deployment's ENABLED_BACKENDS). Only what a client sees is measured here: costs and function figures need the simulated run (\`npm run bench:backends\` without \`--target\`) or the account's bills.

| backend | completed | failed | unfinished | 504s | wrong backend | submit p50 | p95 | completion p50 | p95 | jobs/min |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}

/** `--target URL`: one running deployment, benchmarked backend by backend. */
export async function runTargetBench(o: TargetBenchOptions): Promise<Record<string, TargetResult>> {
  const novelId = await uploadNovel(o, o.title, o.bytes);
  const backends: Record<string, TargetResult> = {};
  for (const backend of o.backends) {
    const result = await runOnTarget({ ...o, backend, novelId });
    backends[backend] = result;
    console.log(
      `${backend}: ${result.completed}/${result.jobs} completed, ${result.failed} failed, ${result.unfinished} unfinished, ${(result.wallMs / 1000).toFixed(1)} s${result.firstError ? `; first failure: ${result.firstError}` : ''}`,
    );
  }
  const markdown = targetReport(o, backends);
  if (o.out) {
    await mkdir(o.out, { recursive: true });
    const config = { target: o.url, jobs: o.jobs, concurrency: o.concurrency, title: o.title };
    await writeFile(
      join(o.out, 'result.json'),
      `${JSON.stringify({ config, machine: o.machine, startedAt: new Date().toISOString(), backends }, null, 2)}\n`,
    );
    await writeFile(join(o.out, 'report.md'), markdown);
    console.log(`wrote ${join(o.out, 'report.md')} and result.json`);
  }
  return backends;
}
