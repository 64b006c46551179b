import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderCharts } from './charts';
import type { BenchResult } from './report';
import { reportMarkdown } from './report';

/** report.md and the charts of a result into `out`. */
export async function writeReport(
  out: string,
  result: BenchResult,
  command: string,
): Promise<void> {
  await writeFile(join(out, 'report.md'), reportMarkdown(result, command));
  for (const [name, svg] of Object.entries(await renderCharts(result.backends, result.sweep)))
    await writeFile(join(out, name), svg);
}

/** `--report DIR`: report.md and charts again from DIR/result.json, nothing re-measured. */
export async function rewriteReport(dir: string | undefined): Promise<number> {
  if (!dir) {
    console.error('bench:backends: --report needs the directory of a result.json');
    return 2;
  }
  const read = (name: string) => readFile(join(dir, name), 'utf8');
  let result: BenchResult;
  try {
    result = JSON.parse(await read('result.json')) as BenchResult;
  } catch (err) {
    console.error(`bench:backends: --report ${dir}: no readable result.json (${String(err)})`);
    return 2;
  }
  // Results written before the command was recorded: the one the old report names.
  const command =
    result.command ??
    /^Started .*Command: `(.*)`$/m.exec(await read('report.md').catch(() => ''))?.[1] ??
    'unknown';
  // JSON turned the percentiles of empty samples (NaN) into null.
  for (const r of [
    ...Object.values(result.backends),
    ...(result.sweep ?? []).flatMap((p) => Object.values(p.backends)),
  ])
    for (const p of [r.submitLatencyMs, r.completionMs] as unknown as Record<
      string,
      number | null
    >[])
      for (const k of Object.keys(p)) p[k] ??= NaN;
  await writeReport(dir, result, command);
  console.log(`wrote ${join(dir, 'report.md')} and charts from ${join(dir, 'result.json')}`);
  return 0;
}
