import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AnalysisJob } from '@storyboard/domain';
import { isTerminal } from '@storyboard/domain';
import type { ExecutionBackendName } from '@storyboard/runtime';
import { TOKENS } from '@storyboard/runtime';
import { startLocalApp } from '@storyboard/local-stack';
import { E2E_USER } from '@storyboard/local-stack/testing';
import type { LocalApp } from '@storyboard/local-stack';
import type { ScopedCallTallies } from '@storyboard/aws/metrics';

/** Same settings for every backend: only the execution strategy differs. */
export const BENCH_ENV = {
  LOG_LEVEL: 'SILENT',
  SYNC_MAX_CHARS: '100000000',
  CHUNK_MAX_CHARS: '4000',
} as const;

/** How often the job repository is read for the jobs still running. The job time itself is
 * the job's own `finishedAt` (its terminal write), so the poll's rate does not limit its
 * precision; a slow poll keeps the reads, which share this process's CPU with the job, from
 * slowing the async backends (a `sync` request returns only when its job has ended, so it is
 * never polled while it runs). */
export const POLL_MS = 250;
/** After a timeout: how long cancelled runs get to end before the app closes anyway. */
const DRAIN_MS = 30_000;

export interface LoadOptions {
  bytes: Uint8Array;
  title: string;
  jobs: number;
  /** Submitters calling RequestAnalysis at once. */
  concurrency: number;
  /** Unmeasured jobs run first, one at a time (SDK clients, JIT). */
  warmup: number;
  timeoutMs: number;
  /** CHUNK_MAX_CHARS for the run (default BENCH_ENV's). */
  chunkChars?: number;
  /** Run `sync`/`fire-and-forget` in memory instead of on the emulated storage. */
  inMemory?: boolean;
  /** The emulated DynamoDB and S3 in a worker thread instead of on the app's thread. */
  storageThread?: boolean;
}

export interface Percentiles {
  p50: number;
  p99: number;
}

export interface LoadResult {
  backend: ExecutionBackendName;
  /** The backend, and `(memory)` for an in-memory run. */
  label: string;
  jobs: number;
  completed: number;
  /** Ended `failed`/`cancelled`, or the request itself threw. */
  failed: number;
  /** Still running when the run timed out. */
  unfinished: number;
  timedOut: boolean;
  wallMs: number;
  jobsPerSecond: number;
  /** RequestAnalysis.execute: the API-side latency (`sync`: the whole job). */
  requestMs: Percentiles;
  /** Request start → terminal status seen by the 20 ms poll. */
  endToEndMs: Percentiles;
  peakRssDeltaMb: number;
  /** CPU time of this (the main) thread during the timed jobs, user + system, ms. */
  cpuMs: number;
  firstError?: string;
  /** Chunks of the jobs that ended. */
  chunks: number;
  /** Every SDK call of the measured jobs, by pipeline step (absent in memory). */
  calls?: ScopedCallTallies;
  /** Step Functions state transitions of the measured jobs. */
  stateTransitions?: number;
}

/** Nearest-rank percentile; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** A full GC now, so one backend's garbage is not collected in the next one's timed jobs:
 * `gc` when Node runs with `--expose-gc`, else exposed for a moment through V8's flags. */
export function collectGarbage(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed();
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** This thread's CPU time so far, µs (`process.threadCpuUsage` where Node has it; else the
 * process's, which adds the libuv pool's and any worker's). */
function threadCpuMicros(): number {
  const usage = process.threadCpuUsage?.() ?? process.cpuUsage();
  return usage.user + usage.system;
}

const percentiles = (samples: readonly number[]): Percentiles => ({
  p50: percentile(samples, 50),
  p99: percentile(samples, 99),
});

/**
 * Starts the local app for `backend` on the emulated DynamoDB/S3, submits the novel once,
 * requests `jobs` analyses of it with `concurrency` submitters and polls the job repository
 * until every job has ended or `timeoutMs` has passed. Always closes the app.
 */
export async function runBackendLoad(
  backend: ExecutionBackendName,
  options: LoadOptions,
): Promise<LoadResult> {
  const env = {
    ...BENCH_ENV,
    ...(options.chunkChars ? { CHUNK_MAX_CHARS: String(options.chunkChars) } : {}),
  };
  const app = await startLocalApp({
    backend,
    env,
    useStack: !options.inMemory,
    storageThread: options.storageThread,
  });
  try {
    const novel = await app.container
      .get(TOKENS.SubmitNovel)
      .execute({ ownerId: E2E_USER, title: options.title, bytes: options.bytes });
    for (let i = 0; i < options.warmup; i++) await warmUp(app, novel.id, options.timeoutMs);
    return await measure(app, backend, novel.id, options);
  } finally {
    await app.close();
  }
}

/** After a timeout: cancels the novel's unfinished jobs so their runs stop at the next step,
 * and gives requests still in flight (`sync`) time to return. */
async function stopUnfinished(app: LocalApp, novelId: string, work: Promise<unknown>) {
  const cancel = app.container.get(TOKENS.CancelJob);
  const jobs = await app.container.get(TOKENS.JobRepository).listByNovel(novelId);
  await Promise.allSettled(
    jobs
      .filter((job) => !isTerminal(job.status))
      .map((job) => cancel.execute({ ownerId: E2E_USER, jobId: job.id })),
  );
  await atMost(work, DRAIN_MS);
}

/** Waits for `promise` (ignoring its failure), `ms` at most. */
async function atMost(promise: Promise<unknown>, ms: number): Promise<void> {
  const timer = new AbortController();
  await Promise.race([promise.catch(() => {}), sleep(ms, undefined, { signal: timer.signal })]);
  timer.abort();
}

async function warmUp(app: LocalApp, novelId: string, timeoutMs: number): Promise<void> {
  const jobs = app.container.get(TOKENS.JobRepository);
  const deadline = performance.now() + timeoutMs;
  let job: AnalysisJob | undefined = await app.container
    .get(TOKENS.RequestAnalysis)
    .execute({ ownerId: E2E_USER, novelId });
  while (job && !isTerminal(job.status)) {
    if (performance.now() > deadline) throw new Error(`warm-up job still ${job.status}`);
    await sleep(POLL_MS);
    job = await jobs.get(job.id);
  }
  if (job?.status !== 'completed') throw new Error(`warm-up job ${job?.status ?? 'vanished'}`);
}

async function measure(
  app: LocalApp,
  backend: ExecutionBackendName,
  novelId: string,
  options: LoadOptions,
): Promise<LoadResult> {
  const requestAnalysis = app.container.get(TOKENS.RequestAnalysis);
  const jobs = app.container.get(TOKENS.JobRepository);
  const rssBefore = process.memoryUsage.rss();
  let rssPeak = rssBefore;
  const requestMs: number[] = [];
  const endToEndMs: number[] = [];
  const pending = new Map<string, number>();
  let completed = 0;
  let failed = 0;
  let chunks = 0;
  const callsBefore = app.stack?.calls.snapshot();
  const transitionsBefore = app.stack?.stepFunctions.stateTransitions() ?? 0;
  let firstError: string | undefined;
  let next = 0;
  let submitting = options.concurrency;
  let stopped = false;

  const end = (job: AnalysisJob, startedAt: number) => {
    // startedAt is performance.now() at the request; finishedAt is the clock's ISO time.
    const finished = job.finishedAt ? Date.parse(job.finishedAt) : Number.NaN;
    const now = performance.now();
    const ended = Number.isFinite(finished) ? now - (Date.now() - finished) : now;
    endToEndMs.push(Math.max(0, ended - startedAt));
    chunks += job.progress.chunksTotal;
    if (job.status === 'completed') completed++;
    else {
      failed++;
      firstError ??= `${job.status}: ${job.error?.code ?? ''} ${job.error?.message ?? ''}`.trim();
    }
  };

  const submitter = async () => {
    while (!stopped && next < options.jobs) {
      next++;
      const startedAt = performance.now();
      try {
        const job = await requestAnalysis.execute({ ownerId: E2E_USER, novelId });
        requestMs.push(performance.now() - startedAt);
        if (isTerminal(job.status)) end(job, startedAt);
        else pending.set(job.id, startedAt);
      } catch (err) {
        if (stopped) return;
        failed++;
        firstError ??= `request threw: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
  };

  const poller = async () => {
    while (!stopped && (submitting > 0 || pending.size > 0)) {
      await sleep(POLL_MS);
      rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
      await Promise.all(
        [...pending].map(async ([jobId, startedAt]) => {
          const job = await jobs.get(jobId);
          if (stopped || !job || !isTerminal(job.status)) return;
          pending.delete(jobId);
          end(job, startedAt);
        }),
      );
    }
  };

  collectGarbage();
  const cpuBefore = threadCpuMicros();
  const started = performance.now();
  const timeout = new AbortController();
  const work = Promise.all([
    ...Array.from({ length: options.concurrency }, () => submitter().finally(() => submitting--)),
    poller(),
  ]);
  const timedOut = await Promise.race([
    work.then(() => false),
    sleep(options.timeoutMs, true, { signal: timeout.signal }),
  ]);
  stopped = true;
  timeout.abort();
  const wallMs = performance.now() - started;
  const cpuMs = (threadCpuMicros() - cpuBefore) / 1000;
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  const calls = callsBefore && app.stack?.calls.since(callsBefore);
  const stateTransitions = (app.stack?.stepFunctions.stateTransitions() ?? 0) - transitionsBefore;
  if (timedOut) await stopUnfinished(app, novelId, work);
  return {
    backend,
    label: options.inMemory ? `${backend} (memory)` : backend,
    chunks,
    calls,
    stateTransitions,
    jobs: options.jobs,
    completed,
    failed,
    unfinished: options.jobs - completed - failed,
    timedOut,
    wallMs,
    jobsPerSecond: (completed + failed) / (wallMs / 1000),
    requestMs: percentiles(requestMs),
    endToEndMs: percentiles(endToEndMs),
    peakRssDeltaMb: (rssPeak - rssBefore) / 1e6,
    cpuMs,
    firstError,
  };
}
