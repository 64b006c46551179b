import { setTimeout as sleep } from 'node:timers/promises';
import { isTerminal } from '@storyboard/domain';
import type { JobStatus } from '@storyboard/domain';
import { percentiles } from './stats';
import type { Percentiles } from './stats';

/** API Gateway's integration timeout: a longer request is answered 504 (by the gateway on
 * AWS; here the client gives up as it would). */
const GATEWAY_TIMEOUT_MS = 29_000;
const POLL_MS = 500;

export interface TargetOptions {
  /** The API's base URL (a deployed stage, or `npm start`'s). */
  url: string;
  /** Bearer token for a JWT-authorised API. */
  token?: string;
  /** `X-User-Id` for an API in AUTH_MODE=dev (local). */
  user?: string;
  backend: string;
  novelId: string;
  jobs: number;
  concurrency: number;
  timeoutMs: number;
  onProgress?: (p: { backend: string; submitted: number; done: number; elapsedMs: number }) => void;
}

/** What one backend did on a running deployment: only what a client can see (no costs, no
 * function figures: those need the simulated deployment or the account's bills). */
export interface TargetResult {
  completed: number;
  failed: number;
  /** Still queued or running when the run ended. */
  unfinished: number;
  jobs: number;
  http504: number;
  /** Jobs whose stored backend was not the one asked for (must be 0). */
  wrongBackend: number;
  submitLatencyMs: Percentiles;
  completionMs: Percentiles;
  jobsPerMinute: number;
  wallMs: number;
  firstError?: string;
}

function headers(o: Pick<TargetOptions, 'token' | 'user'>, json = false): Record<string, string> {
  return {
    ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
    ...(o.user ? { 'x-user-id': o.user } : {}),
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}

/** Uploads the novel once (text/plain); resolves its id. */
export async function uploadNovel(
  o: Pick<TargetOptions, 'url' | 'token' | 'user'>,
  title: string,
  bytes: Uint8Array,
): Promise<string> {
  const res = await fetch(`${o.url}/novels?title=${encodeURIComponent(title)}`, {
    method: 'POST',
    headers: { ...headers(o), 'content-type': 'text/plain; charset=utf-8' },
    body: bytes,
  });
  if (res.status !== 201)
    throw new Error(`POST /novels answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/**
 * Runs `jobs` analyses on one backend of a running deployment, picked per request
 * (`{"backend"}`, the deployment's ENABLED_BACKENDS), and measures what a client sees.
 */
export async function runOnTarget(o: TargetOptions): Promise<TargetResult> {
  const started = performance.now();
  const submitMs: number[] = [];
  const completionMs: number[] = [];
  const pending = new Map<string, number>();
  const r = { completed: 0, failed: 0, http504: 0, wrongBackend: 0 };
  let firstError: string | undefined;
  let lastCompletion = started;
  let next = 0;
  const fail = (why: string) => {
    r.failed++;
    firstError ??= why;
  };
  const ended = (
    job: { status: JobStatus; backend?: string; error?: { code?: string } },
    t0: number,
  ) => {
    if (job.backend !== o.backend) r.wrongBackend++;
    if (job.status === 'completed') {
      r.completed++;
      lastCompletion = performance.now();
      completionMs.push(lastCompletion - t0);
    } else fail(`job ${job.status} ${job.error?.code ?? ''}`.trim());
  };

  const submitter = async () => {
    while (next < o.jobs) {
      next++;
      const t0 = performance.now();
      const res = await fetch(`${o.url}/novels/${o.novelId}/analyses`, {
        method: 'POST',
        headers: headers(o, true),
        body: JSON.stringify({ backend: o.backend }),
        signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
      }).catch((err: unknown) => err as Error);
      submitMs.push(performance.now() - t0);
      if (res instanceof Error) {
        if (res.name === 'TimeoutError') r.http504++;
        fail(res.name === 'TimeoutError' ? '504: past the 29 s gateway limit' : res.message);
        continue;
      }
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status === 504) r.http504++;
      if (res.status >= 400) {
        fail(`${res.status}: ${JSON.stringify(body).slice(0, 200)}`);
        continue;
      }
      if (res.status === 200) ended(body as never, t0);
      else pending.set(String(body.jobId), t0);
    }
  };
  const submitters = Promise.all(Array.from({ length: o.concurrency }, submitter));
  let submitting = true;
  void submitters.finally(() => (submitting = false));
  while (performance.now() - started < o.timeoutMs && (submitting || pending.size > 0)) {
    await sleep(POLL_MS);
    for (const [jobId, t0] of [...pending]) {
      const res = await fetch(`${o.url}/jobs/${jobId}`, { headers: headers(o) });
      if (!res.ok) continue; // a transient error: poll again
      const job = (await res.json()) as { status: JobStatus; backend?: string };
      if (!isTerminal(job.status)) continue;
      pending.delete(jobId);
      ended(job, t0);
    }
    o.onProgress?.({
      backend: o.backend,
      submitted: next,
      done: r.completed + r.failed,
      elapsedMs: performance.now() - started,
    });
  }
  await submitters;
  const spanMs = lastCompletion - started;
  return {
    ...r,
    unfinished: pending.size,
    jobs: o.jobs,
    submitLatencyMs: percentiles(submitMs),
    completionMs: percentiles(completionMs),
    jobsPerMinute: r.completed > 0 ? r.completed / (spanMs / 60_000) : 0,
    wallMs: performance.now() - started,
    ...(firstError ? { firstError } : {}),
  };
}
