import { setTimeout as sleep } from 'node:timers/promises';
import { isTerminal } from '@storyboard/domain';
import type { BundleResult } from '@storyboard/lambda-bundles';
import type { CostBreakdown, CostCounts } from './cost-model';
import { costOf, per1k } from './cost-model';
import { apiEvent } from './sim-stack/api-event';
import type { BenchBackend, SimStack } from './sim-stack/start-sim-stack';
import { startSimStack } from './sim-stack/start-sim-stack';
import { RunBaseline, retryPending, tokensUsed } from './sim-stack/run-baseline';
import { percentiles } from './stats';
import type { Percentiles } from './stats';

const USER = 'bench-user';
/** How often the bench reads each unfinished job (its own reads: not counted or billed). */
export const POLL_MS = 250;
/** API Gateway's integration timeout: a longer request is answered 504. */
export const API_GATEWAY_TIMEOUT_MS = 29_000;
/** The API function's timeout, as the CDK stack deploys it (apiTimeoutSeconds, at most 29). */
export const API_FUNCTION_TIMEOUT_MS = 29_000;

export interface SimRunOptions {
  backend: BenchBackend;
  bundles: readonly BundleResult[];
  bytes: Uint8Array;
  title: string;
  jobs: number;
  concurrency: number;
  idleMs: number;
  timeoutMs: number;
  env: Record<string, string>;
  workerKillRate: number;
  functionConcurrency: number;
  visibilitySeconds: number;
  onProgress?: (p: Progress) => void;
  /** What the progress line calls this run (default: the backend). */
  label?: string;
  /** LLM-bound workload: tokens the generator was billed so far (read before and after). */
  tokens?: () => { model: string; promptTokens: number; completionTokens: number };
}

export interface Progress {
  backend: string;
  submitted: number;
  completed: number;
  failed: number;
  pending: number;
  elapsedMs: number;
}

export interface FunctionFigures {
  invocations: number;
  coldStarts: number;
  peakConcurrency: number;
  billedMs: number;
  gbSeconds: number;
  errors: number;
  kills: number;
}

export interface BackendResult {
  completed: number;
  failed: number;
  stalled: number;
  lost: number;
  retries: number;
  dlq: number;
  submitLatencyMs: Percentiles;
  completionMs: Percentiles;
  jobsPerMinute: number;
  costPer1kJobsUsd: number;
  costBreakdown: CostBreakdown;
  jobs: number;
  http504: number;
  wallMs: number;
  endedBy: 'all-terminal' | 'quiet' | 'timeout';
  functions: Record<string, FunctionFigures>;
  counts: CostCounts & {
    lambdaRequests: number;
    lambdaGbSeconds: number;
    stateTransitions: number;
  };
  /** Completion times of completed jobs (ms) and when each completed (ms since start). */
  samples: { completionMs: number[]; completedAtMs: number[] };
  firstError?: string;
  /** Failures by kind (504, HTTP status, job error code). */
  failures: Record<string, number>;
}

/** What a deployment is started with (the rest of SimRunOptions is per measured run). */
export type SimStackSettings = Pick<
  SimRunOptions,
  | 'backend'
  | 'bundles'
  | 'env'
  | 'idleMs'
  | 'workerKillRate'
  | 'functionConcurrency'
  | 'visibilitySeconds'
>;

/** One backend's simulated deployment, to measure one or several runs on. */
export function startBackendStack(o: SimStackSettings): Promise<SimStack> {
  return startSimStack({
    backend: o.backend,
    bundles: o.bundles,
    env: o.env,
    idleMs: o.idleMs,
    concurrency: {
      api: o.functionConcurrency,
      worker: o.functionConcurrency,
      tasks: o.functionConcurrency,
    },
    apiTimeoutMs: API_FUNCTION_TIMEOUT_MS,
    visibilitySeconds: o.visibilitySeconds,
    workerKillRate: o.workerKillRate,
    sfnMaxConcurrency: 4,
  });
}

/** Runs `jobs` analyses of one novel on one backend's simulated deployment and measures it. */
export async function runOnSimulatedLambda(o: SimRunOptions): Promise<BackendResult> {
  const s = await startBackendStack(o);
  try {
    return await measureRun(s, o);
  } finally {
    await s.close();
  }
}

/** Measures one run on a deployment (fresh, or one that ran others: its counters are read
 * as differences from the start of this run). */
export async function measureRun(s: SimStack, o: SimRunOptions): Promise<BackendResult> {
  const tokensBefore = o.tokens?.();
  const before = await RunBaseline.take(s, o.backend);
  const apiBodies: { bodyBytes: number }[] = [];
  const api = async (method: string, path: string, body?: Uint8Array, type?: string) => {
    apiBodies.push({ bodyBytes: body?.length ?? 0 });
    return s.invokeApi(apiEvent(method, path, USER, body, type));
  };
  const created = await api(
    'POST',
    `/novels?title=${encodeURIComponent(o.title)}`,
    o.bytes,
    'text/plain; charset=utf-8',
  );
  if (created.statusCode !== 201)
    throw new Error(`novel upload answered ${created.statusCode}: ${created.body ?? ''}`);
  const novelId = (JSON.parse(created.body ?? '{}') as { id: string }).id;

  // Warm the API like provisioned concurrency would: one environment per client, so the
  // submit latency measures the backend, not this (shared, slow) machine's process start.
  await Promise.all(
    Array.from({ length: o.concurrency }, () =>
      s.invokeApi(apiEvent('GET', `/novels/${novelId}`, USER)),
    ),
  );
  const started = performance.now();
  const submitMs: number[] = [];
  const completionMs: number[] = [];
  const completedAtMs: number[] = [];
  const pending = new Map<string, number>();
  const finished = new Map<string, { attempts: number }>();
  let completed = 0;
  let failed = 0;
  let http504 = 0;
  let next = 0;
  let submitting = o.concurrency;
  let firstError: string | undefined;
  const failures: Record<string, number> = {};
  const fail = (why: string, kind = why) => {
    failed++;
    firstError ??= why;
    failures[kind] = (failures[kind] ?? 0) + 1;
  };
  const complete = (at: number, t0: number) => {
    completed++;
    completionMs.push(at - t0);
    completedAtMs.push(at - started);
  };

  const submitter = async () => {
    while (next < o.jobs) {
      next++;
      const t0 = performance.now();
      const call = api('POST', `/novels/${novelId}/analyses`);
      // Unref'd: a pending 29 s timer must not keep the process alive after the run.
      const answer = await Promise.race([
        call,
        sleep(API_GATEWAY_TIMEOUT_MS, 'timeout' as const, { ref: false }),
      ]);
      const t1 = performance.now();
      submitMs.push(t1 - t0);
      if (answer === 'timeout') {
        http504++;
        fail('504: the request ran past API Gateway’s 29 s limit', '504');
        call.catch(() => undefined);
        continue;
      }
      if (answer.statusCode >= 400) {
        fail(
          `${answer.statusCode}: ${(answer.body ?? '').slice(0, 200)}`,
          `HTTP ${answer.statusCode}`,
        );
        continue;
      }
      const body = JSON.parse(answer.body ?? '{}') as {
        jobId?: string;
        id?: string;
        status?: string;
      };
      const jobId = body.jobId ?? body.id ?? '';
      if (body.status === 'completed') complete(t1, t0);
      else if (body.status && isTerminal(body.status as never)) fail(`job ${body.status}`);
      else pending.set(jobId, t0);
    }
  };

  const report = () =>
    o.onProgress?.({
      backend: o.label ?? o.backend,
      submitted: next,
      completed,
      failed,
      pending: pending.size,
      elapsedMs: performance.now() - started,
    });
  const submitters = Array.from({ length: o.concurrency }, () =>
    submitter()
      .catch((err: unknown) => fail(`request threw: ${String(err)}`))
      .finally(() => submitting--),
  );

  let endedBy: BackendResult['endedBy'] = 'timeout';
  let quietSince: number | undefined;
  while (performance.now() - started < o.timeoutMs) {
    await sleep(POLL_MS);
    for (const [jobId, t0] of [...pending]) {
      const job = await s.jobs.get(jobId);
      if (!job || !isTerminal(job.status)) continue;
      pending.delete(jobId);
      finished.set(jobId, { attempts: job.attempts });
      if (job.status === 'completed') complete(performance.now(), t0);
      else
        fail(
          `job ${job.status}: ${job.error?.code ?? ''} ${job.error?.message ?? ''}`.trim(),
          job.error?.code ?? job.status,
        );
    }
    report();
    if (submitting > 0) continue;
    if (pending.size === 0) {
      endedBy = 'all-terminal';
      break;
    }
    // Quiet: nothing runs and nothing will (no message, no execution): only frozen work is
    // left, and after the idle kill it is dead.
    const quiet = s.sim.idle() && !(await retryPending(s, o.backend, pending));
    if (!quiet) quietSince = undefined;
    else if ((quietSince ??= performance.now()) + o.idleMs + 1000 < performance.now()) {
      endedBy = 'quiet';
      break;
    }
  }
  await Promise.race([Promise.all(submitters), sleep(1000)]);
  const wallMs = performance.now() - started;
  // A job is terminal a moment before its last invocation returns (the durable execution's
  // end, a step task's answer): let those finish so they are billed (at most 5 s).
  for (let t = 0; t < 50 && !s.sim.idle(); t++) await sleep(100);

  const pendingIds = [...pending.keys()];
  const pendingRetry = await retryPending(s, o.backend, pending);
  const liveEnv = s.sim.functionNames().some((f) => s.sim.environments(f).length > 0);
  const stalled = pendingRetry || liveEnv ? pendingIds.length : 0;
  const lost = pendingIds.length - stalled;
  // Executions may still be running when the run ends: their last transitions count then.
  let stateTransitions = 0;
  let sfnRetries = 0;
  if (o.backend === 'stepfunctions') {
    for (const jobId of [...finished.keys(), ...pendingIds]) {
      const attempts = finished.get(jobId)?.attempts ?? 1;
      for (let a = 1; a <= attempts; a++) {
        const t = await s.transitions(jobId, a);
        stateTransitions += t.transitions;
        sfnRetries += t.retries;
      }
    }
  }
  const durable = before.durableUsage();
  const functions: Record<string, FunctionFigures> = {};
  for (const name of s.sim.functionNames()) {
    const { invocations, coldStarts, peakConcurrency, billedMs, gbSeconds, errors, kills } =
      s.sim.stats(name);
    functions[name] = {
      invocations,
      coldStarts,
      peakConcurrency,
      billedMs,
      gbSeconds,
      errors,
      kills,
    };
  }
  const lambdaRequests = Object.values(functions).reduce((n, f) => n + f.invocations, 0);
  const lambdaGbSeconds = Object.values(functions).reduce((n, f) => n + f.gbSeconds, 0);
  const { breakdown, counts } = costOf({
    lambdaRequests,
    lambdaGbSeconds,
    apiRequests: apiBodies,
    awsRequests: before.requests(),
    stateTransitions,
    durableOperations: durable?.operations ?? 0,
    tokens: tokensUsed(tokensBefore, o.tokens?.()),
  });
  const perK = per1k(breakdown, o.jobs);
  const spanMs = completedAtMs.length ? Math.max(...completedAtMs) : wallMs;
  return {
    completed,
    failed,
    stalled,
    lost,
    retries: before.eventSourceRetries() + sfnRetries + (durable?.retries ?? 0),
    dlq: await before.dlqArrivals(),
    submitLatencyMs: percentiles(submitMs),
    completionMs: percentiles(completionMs),
    jobsPerMinute: completed > 0 ? completed / (spanMs / 60_000) : 0,
    costPer1kJobsUsd: Object.values(perK).reduce((n, v) => n + v, 0),
    costBreakdown: perK,
    jobs: o.jobs,
    http504,
    wallMs,
    endedBy,
    functions,
    counts: { ...counts, lambdaRequests, lambdaGbSeconds, stateTransitions },
    samples: { completionMs, completedAtMs },
    ...(firstError ? { firstError } : {}),
    failures,
  };
}
