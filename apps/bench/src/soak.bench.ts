/**
 * No job left behind, under fire: `npm run bench:soak -- --jobs 200 --backend sqs`. Runs jobs
 * on a simulated deployment (the bench's Lambda simulator over the local stack) while a worker
 * environment is killed at random every few seconds, with the sweeper on a timer; prints how
 * many jobs ended completed (the soak asks for all of them) and what it took: kills,
 * redeliveries, sweeper re-dispatches, time to drain. A benchmark, not a test: it asserts
 * nothing but its exit code (1 when a job was lost).
 */
import { cpus, loadavg } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundleLambdas } from '@storyboard/lambda-bundles';
import { sampleBytes } from '@storyboard/local-stack/testing';
import type { SoakResult } from './soak/run-soak';
import { runSoak } from './soak/run-soak';
import { SOAK_USAGE, SoakUsageError, parseSoakArgs } from './soak/soak-options';
import type { SoakOptions } from './soak/soak-options';

const ROOT = resolve(import.meta.dirname, '../../..');

/** The bundled sample cut (or repeated) to `chars` characters, at a paragraph break. */
async function soakText(chars: number): Promise<Uint8Array> {
  const text = new TextDecoder().decode(await sampleBytes());
  let grown = text;
  while (grown.length < chars) grown += `\n\n${text}`;
  const cut = grown.lastIndexOf('\n\n', chars);
  return new TextEncoder().encode(grown.slice(0, cut > chars / 2 ? cut : chars));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function summary(r: SoakResult): string {
  const failed = Object.entries(r.failed).map(([code, n]) => `${n} ${code}`);
  const kills = Object.entries(r.kills).map(([fn, n]) => `${fn} ${n}`);
  return [
    `${r.backend}: ${r.completed}/${r.jobs} completed, lost ${r.lost}${failed.length ? ` (${failed.join(', ')})` : ''}${r.unfinished ? `, ${r.unfinished} unfinished` : ''} — ${r.endedBy}`,
    `  kills           ${r.killsTotal} worker environments SIGKILLed mid-invocation${kills.length > 1 ? ` (${kills.join(', ')})` : ''}; ${r.idleKillTicks} ticks found none running`,
    `  redeliveries    ${r.redeliveries} ${r.backend === 'sqs' ? 'messages received again' : 'task retries by the state machine'}; DLQ ${r.dlq}`,
    `  sweeper         ${r.sweeps} sweeps, ${r.redispatches} re-dispatches (${r.redispatchedJobs} jobs), ${r.sweeperFailed} failed JOB.STALLED`,
    `  time            ${seconds(r.wallMs)} in all, drain ${seconds(r.drainMs)} after the last submit; ${r.jobsPerMinute.toFixed(1)} jobs/min`,
  ].join('\n');
}

async function main(): Promise<number> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(SOAK_USAGE);
    return 0;
  }
  let o: SoakOptions;
  try {
    o = parseSoakArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof SoakUsageError)) throw err;
    console.error(`bench:soak: ${err.message}\n${SOAK_USAGE}`);
    return 2;
  }
  const bytes = await soakText(o.chars);
  console.log(
    `soak: ${o.jobs} jobs × ${o.backends.join(', ')}; ${bytes.length} bytes per job, chunks of ${o.chunkChars} chars; a kill every ${o.killEveryMs.map((ms) => ms / 1000).join('–')} s; ${o.workers} workers; ${o.inFlight} jobs in flight; LEASE_MS ${o.leaseMs}, QUEUED_STALL_MS ${o.queuedStallMs}, sweep every ${o.sweepMs} ms, MAX_STALLS ${o.maxStalls}; seed ${o.seed}; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join('/')} on ${cpus().length} cpus (shared machine)`,
  );
  const t0 = performance.now();
  const bundles = await bundleLambdas(ROOT, join(ROOT, 'tmp/soak-bundles'));
  console.log(`bundled the handlers in ${seconds(performance.now() - t0)}`);
  const results: SoakResult[] = [];
  for (const backend of o.backends) {
    const result = await runSoak(backend, o, bundles, bytes, (line) => console.log(line));
    results.push(result);
    console.log(summary(result));
  }
  if (o.out) {
    await writeFile(o.out, `${JSON.stringify({ options: o, results }, null, 2)}\n`);
    console.log(`wrote ${o.out}`);
  }
  return results.every((r) => r.lost === 0) ? 0 : 1;
}

process.exitCode = await main();
