import { setTimeout as sleep } from 'node:timers/promises';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import type { AnalysisJob, SweepReport } from '@storyboard/domain';
import { isTerminal } from '@storyboard/domain';
import { executionName } from '@storyboard/aws/stepfunctions';
import type { BundleResult } from '@storyboard/lambda-bundles';
import { apiEvent } from '../sim-stack/api-event';
import type { SimStack } from '../sim-stack/start-sim-stack';
import { startSimStack } from '../sim-stack/start-sim-stack';
import type { SoakBackend, SoakOptions } from './soak-options';
import { seededRandom } from '@storyboard/fake-qwen';
import { WorkerKiller } from './worker-killer';

const USER = 'soak-user';
const POLL_MS = 250;

export interface SoakResult {
  backend: SoakBackend;
  jobs: number;
  completed: number;
  /** Jobs that ended failed or cancelled, by error code. */
  failed: Record<string, number>;
  /** Jobs not terminal when the run gave up. */
  unfinished: number;
  /** Jobs not completed (failed + unfinished): the soak asks for 0. */
  lost: number;
  kills: Record<string, number>;
  killsTotal: number;
  idleKillTicks: number;
  /** sqs: messages left for redelivery because their worker died (or threw); step
   * functions: task retries in the executions' histories. */
  redeliveries: number;
  /** Re-dispatches by the sweeper (all jobs), and how many distinct jobs needed one. */
  redispatches: number;
  redispatchedJobs: number;
  /** Jobs the sweeper failed JOB.STALLED. */
  sweeperFailed: number;
  sweeps: number;
  dlq: number;
  /** Submission of the first job to the last job terminal. */
  wallMs: number;
  /** Last job submitted to the last job terminal. */
  drainMs: number;
  jobsPerMinute: number;
  seed: number;
  endedBy: 'all-terminal' | 'timeout';
}

/** Runs one backend's soak on a simulated deployment (the bench's sim stack). */
export async function runSoak(
  backend: SoakBackend,
  o: SoakOptions,
  bundles: readonly BundleResult[],
  bytes: Uint8Array,
  onProgress?: (line: string) => void,
): Promise<SoakResult> {
  const env = {
    LOG_LEVEL: 'SILENT',
    CHUNK_MAX_CHARS: String(o.chunkChars),
    PROGRESS_INTERVAL_MS: '0',
    LEASE_MS: String(o.leaseMs),
    // A job waiting its turn behind the backlog is not stalled: only one the queue lost (a
    // worker died before it took the lease, and the message went to the DLQ) waits this long.
    QUEUED_STALL_MS: String(o.queuedStallMs),
    MAX_STALLS: String(o.maxStalls),
    // The worker yields (re-enqueues the job) when less than this remains of its timeout; the
    // product's 60 s default exceeds the soak's short timeout and would yield at every chunk.
    WORKER_RESERVE_MS: String(Math.min(60_000, (o.visibilitySeconds * 1000) / 4)),
  };
  const s = await startSimStack({
    backend,
    bundles,
    env,
    idleMs: 5000,
    concurrency: { api: 2, worker: o.workers, tasks: o.workers },
    apiTimeoutMs: 60_000,
    visibilitySeconds: o.visibilitySeconds,
    workerKillRate: 0,
    sfnMaxConcurrency: o.workers,
  });
  // The scheduled sweeper: its bundle in a simulated function of its own, straight on the
  // emulators (not through the bench's counting proxies), never killed.
  const sweeperBundle = bundles.find((b) => b.name === 'sweeper');
  if (!sweeperBundle) throw new Error('No sweeper bundle: run bundleLambdas first.');
  s.sim.register({
    name: 'sweeper',
    module: sweeperBundle.file,
    env: { ...s.stack.env, ...env, EXECUTION_BACKEND: backend },
    memoryMb: 512,
    timeoutMs: 60_000,
    concurrency: 1,
  });
  const workers =
    backend === 'sqs' ? ['worker'] : s.sim.functionNames().filter((f) => f.startsWith('sfn-'));
  const killer = new WorkerKiller({
    sim: s.sim,
    functions: workers,
    everyMs: o.killEveryMs,
    random: seededRandom(o.seed),
  });
  try {
    return await soak(s, backend, o, bytes, killer, onProgress);
  } finally {
    killer.stop();
    await s.close();
  }
}

async function soak(
  s: SimStack,
  backend: SoakBackend,
  o: SoakOptions,
  bytes: Uint8Array,
  killer: WorkerKiller,
  onProgress?: (line: string) => void,
): Promise<SoakResult> {
  const api = async (method: string, path: string, body?: Uint8Array) => {
    const res = await s.invokeApi(
      apiEvent(method, path, USER, body, body ? 'text/plain; charset=utf-8' : undefined),
    );
    if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body ?? '{}') as Record<string, unknown>;
  };
  const novel = await api('POST', '/novels?title=Soak', bytes);
  const novelId = String(novel.id);

  const sweep = { runs: 0, redispatched: [] as string[], failed: [] as string[] };
  let sweeping = true;
  const sweeper = (async () => {
    while (sweeping) {
      await sleep(o.sweepMs);
      const report = (await s.sim.invoke('sweeper', {}).catch(() => undefined)) as
        SweepReport | undefined;
      sweep.runs++;
      sweep.redispatched.push(...(report?.redispatched ?? []));
      sweep.failed.push(...(report?.failed ?? []));
    }
  })();

  const started = performance.now();
  const open = new Set<string>();
  const ended = new Map<string, AnalysisJob>();
  let submitted = 0;
  let lastSubmitAt = started;
  killer.start();
  let endedBy: SoakResult['endedBy'] = 'timeout';
  let lastLine = 0;
  while (performance.now() - started < o.timeoutMs) {
    while (submitted < o.jobs && open.size < o.inFlight) {
      const job = await api('POST', `/novels/${novelId}/analyses`);
      open.add(String(job.jobId));
      submitted++;
      lastSubmitAt = performance.now();
    }
    for (const id of [...open]) {
      const job = await s.jobs.get(id);
      if (job && isTerminal(job.status)) {
        open.delete(id);
        ended.set(id, job);
      }
    }
    if (submitted === o.jobs && open.size === 0) {
      endedBy = 'all-terminal';
      break;
    }
    const now = performance.now();
    if (now - lastLine > 10_000) {
      lastLine = now;
      onProgress?.(
        `  ${backend.padEnd(13)} submitted ${submitted}/${o.jobs}  ended ${ended.size}  kills ${killer.total}  sweeper re-dispatches ${sweep.redispatched.length}  ${((now - started) / 1000).toFixed(0)} s`,
      );
    }
    await sleep(POLL_MS);
  }
  const endedAt = performance.now();
  killer.stop();
  sweeping = false;
  await sweeper;

  const jobs = [...ended.values()];
  const failed: Record<string, number> = {};
  for (const job of jobs) {
    if (job.status === 'completed') continue;
    const code = `${job.status} ${job.error?.code ?? ''}`.trim();
    failed[code] = (failed[code] ?? 0) + 1;
  }
  const completed = jobs.filter((j) => j.status === 'completed').length;
  const redeliveries =
    backend === 'sqs' ? (s.eventSource?.stats.retried ?? 0) : await taskRetries(s, jobs);
  const wallMs = endedAt - started;
  return {
    backend,
    jobs: o.jobs,
    completed,
    failed,
    unfinished: o.jobs - jobs.length,
    lost: o.jobs - completed,
    kills: { ...killer.stats.kills },
    killsTotal: killer.total,
    idleKillTicks: killer.stats.idleTicks,
    redeliveries,
    redispatches: sweep.redispatched.length,
    redispatchedJobs: new Set(sweep.redispatched).size,
    sweeperFailed: sweep.failed.length,
    sweeps: sweep.runs,
    dlq: (await s.queueDepth()).dlq,
    wallMs,
    drainMs: endedAt - lastSubmitAt,
    jobsPerMinute: completed / (wallMs / 60_000),
    seed: o.seed,
    endedBy,
  };
}

/** Task retries (TaskScheduled events beyond the states entered) over every execution of
 * each job: the first one and one per sweeper re-dispatch (`stalls`). */
async function taskRetries(s: SimStack, jobs: readonly AnalysisJob[]): Promise<number> {
  let retries = 0;
  const machine = s.stack.resources.stateMachineArn ?? '';
  for (const job of jobs) {
    for (let r = 0; r <= (job.stalls ?? 0); r++) {
      const name = executionName(job.id, job.attempts, r || undefined);
      const executionArn = `${machine.replace(':stateMachine:', ':execution:')}:${name}`;
      let scheduled = 0;
      let entered = 0;
      let nextToken: string | undefined;
      try {
        do {
          const page = await s.stack.clients.sfn.send(
            new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }),
          );
          for (const e of page.events ?? []) {
            if (e.type === 'TaskScheduled') scheduled++;
            if (e.type === 'TaskStateEntered') entered++;
          }
          nextToken = page.nextToken;
        } while (nextToken);
      } catch (err) {
        if ((err as { name?: string }).name !== 'ExecutionDoesNotExist') throw err;
      }
      retries += Math.max(0, scheduled - entered);
    }
  }
  return retries;
}
