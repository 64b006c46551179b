import { COST_SERVICES } from './cost-model';
import type { BackendResult } from './sim-run';
import type { SweepPoint } from './sweep';
import { sweepFindings, sweepMarkdown } from './sweep-report';
import { POLL_MS } from './sim-run';

export interface BenchResult {
  config: Record<string, unknown>;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    platform: string;
    loadAverage: number[];
    /** Load average when the run ended (absent in results written before it was recorded). */
    loadAverageAtEnd?: number[];
  };
  startedAt: string;
  /** The command that ran (absent in results written before it was recorded). */
  command?: string;
  backends: Record<string, BackendResult>;
  /** The text-size sweep (`--sizes`): each size and workload on every backend. */
  sweep?: SweepPoint[];
}

/** Safe = completed jobs and failed, stalled and lost none (a 504 is a failure). */
const SAFE = (r: BackendResult) =>
  r.lost === 0 && r.stalled === 0 && r.failed === 0 && r.completed > 0;
const fmtMs = (n: number) =>
  Number.isFinite(n) ? (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`) : '—';
const usd = (n: number) => `$${n < 0.01 ? n.toFixed(5) : n.toFixed(3)}`;
const x = (a: number, b: number) =>
  b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : '—';

/** The fastest safe backend (lowest completion p50), if any: the base of every ratio. */
export function fastestSafe(backends: Record<string, BackendResult>): string | undefined {
  return Object.entries(backends)
    .filter(([, r]) => SAFE(r))
    .sort(([, a], [, b]) => a.completionMs.p50 - b.completionMs.p50)[0]?.[0];
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** Sentences drawn from the numbers: who lost work, who hit the 29 s wall, who is fastest
 * and cheapest among the safe ones, and by how much. */
export function recommendation(backends: Record<string, BackendResult>): string {
  const out: string[] = [];
  for (const [name, r] of Object.entries(backends)) {
    const gone = r.lost + r.stalled;
    if (r.lost > 0 || (gone > 0 && r.endedBy !== 'timeout'))
      out.push(
        `**${name}** left ${gone} of ${r.jobs} jobs unfinished (${r.stalled} stalled, ${r.lost} lost) under the freeze: do not use it on Lambda.`,
      );
    else if (gone > 0)
      out.push(
        `**${name}** was still running ${r.stalled} of ${r.jobs} jobs when the run's time ran out (stalled, none lost): slower here, not unsafe.`,
      );
    if (r.http504 > 0 && name !== 'sync')
      out.push(
        `**${name}**: ${r.http504} of ${r.jobs} submit requests were cut at 29 s (504): its API answers at once, so the API function itself was that slow, counted as failed.`,
      );
    else if (r.http504 > 0)
      out.push(
        `**${name}** answered ${r.http504} of ${r.jobs} requests with 504 (past API Gateway's 29 s): only for jobs that finish well inside 29 s.`,
      );
  }
  const safe = Object.entries(backends).filter(([, r]) => SAFE(r));
  const best = fastestSafe(Object.fromEntries(safe));
  if (!best) return [...out, 'No backend completed every job without loss in this run.'].join(' ');
  const fastest = backends[best] as BackendResult;
  const cheapest = [...safe].sort(([, a], [, b]) => a.costPer1kJobsUsd - b.costPer1kJobsUsd)[0];
  out.push(
    `Among the backends that failed and lost nothing, **${best}** completed fastest (p50 ${fmtMs(fastest.completionMs.p50)}, ${fastest.jobsPerMinute.toFixed(1)} jobs/min).`,
  );
  for (const [name, r] of safe) {
    if (name === best) continue;
    out.push(
      `**${name}**: completion p50 ${x(r.completionMs.p50, fastest.completionMs.p50)} and cost ${x(r.costPer1kJobsUsd, fastest.costPer1kJobsUsd)} of ${best}'s, with ${r.retries} retries and ${r.dlq} DLQ arrivals.`,
    );
  }
  if (cheapest)
    out.push(
      `Cheapest safe backend: **${cheapest[0]}** at ${usd(cheapest[1].costPer1kJobsUsd)} per 1,000 jobs.`,
    );
  return out.join(' ');
}

export function reportMarkdown(result: BenchResult, command: string): string {
  const b = result.backends;
  const base = fastestSafe(b);
  const baseR = base ? b[base] : undefined;
  const outcome = table(
    [
      'backend',
      'completed',
      'failed',
      'stalled',
      'lost',
      'retries',
      'DLQ',
      '504s',
      'jobs/min',
      'ended by',
    ],
    Object.entries(b).map(([n, r]) => [
      n,
      `${r.completed}/${r.jobs}`,
      String(r.failed),
      String(r.stalled),
      String(r.lost),
      String(r.retries),
      String(r.dlq),
      String(r.http504),
      r.jobsPerMinute.toFixed(1),
      r.endedBy,
    ]),
  );
  const latency = table(
    [
      'backend',
      'submit p50',
      'p95',
      'p99',
      'completion p50',
      'p95',
      'p99',
      `p50 vs ${base ?? '—'}`,
    ],
    Object.entries(b).map(([n, r]) => [
      n,
      fmtMs(r.submitLatencyMs.p50),
      fmtMs(r.submitLatencyMs.p95),
      fmtMs(r.submitLatencyMs.p99),
      fmtMs(r.completionMs.p50),
      fmtMs(r.completionMs.p95),
      fmtMs(r.completionMs.p99),
      baseR ? x(r.completionMs.p50, baseR.completionMs.p50) : '—',
    ]),
  );
  const services = COST_SERVICES;
  const cost = table(
    ['backend', 'per 1k jobs', ...services, `vs ${base ?? '—'}`],
    Object.entries(b).map(([n, r]) => [
      n,
      usd(r.costPer1kJobsUsd),
      ...services.map((s) => usd(r.costBreakdown[s])),
      baseR ? x(r.costPer1kJobsUsd, baseR.costPer1kJobsUsd) : '—',
    ]),
  );
  const fns = table(
    [
      'backend',
      'function',
      'invocations',
      'cold starts',
      'peak concurrency',
      'billed s',
      'GB-s',
      'errors',
      'kills',
    ],
    Object.entries(b).flatMap(([n, r]) =>
      Object.entries(r.functions).map(([f, s]) => [
        n,
        f,
        String(s.invocations),
        String(s.coldStarts),
        String(s.peakConcurrency),
        (s.billedMs / 1000).toFixed(1),
        s.gbSeconds.toFixed(1),
        String(s.errors),
        String(s.kills),
      ]),
    ),
  );
  const counts = table(
    [
      'backend',
      'Lambda requests',
      'SQS requests',
      'state transitions',
      'durable operations',
      'DynamoDB RRU',
      'DynamoDB WRU',
      'S3 PUT/LIST',
      'S3 GET',
      'API requests',
    ],
    Object.entries(b).map(([n, r]) => [
      n,
      String(r.counts.lambdaRequests),
      String(r.counts.sqsRequests),
      String(r.counts.stateTransitions),
      String(r.counts.durableOperations ?? 0),
      String(r.counts.dynamodbReadUnits),
      String(r.counts.dynamodbWriteUnits),
      String(r.counts.s3PutList),
      String(r.counts.s3Get),
      String(r.counts.apiGatewayRequests),
    ]),
  );
  const m = result.machine;
  const llm = result.config.llm as { minMs: number; maxMs: number } | undefined;
  const workload = `Workloads: the heuristic generator (CPU only); ${
    llm && (result.config.generator === 'qwen' || result.sweep?.some((p) => p.workload === 'qwen'))
      ? `Qwen against fake-qwen in the bench process, each call answered after a uniform ${llm.minMs}–${llm.maxMs} ms`
      : 'no LLM-bound run'
  }. Chunks of at most 4,000 characters (CHUNK_MAX_CHARS); at most 4 chunks at once per job (LLM_CONCURRENCY in sync, fire-and-forget and the SQS worker; the Map's and the durable map's concurrency).`;
  const sweep = result.sweep?.length ? `\n${sweepMarkdown(result.sweep, workload)}` : '';
  const findings = result.sweep?.length ? ` ${sweepFindings(result.sweep)}` : '';
  return `# Which backend? — benchmark report

Started ${result.startedAt}. Command: \`${command}\`

Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}; load average at start ${m.loadAverage.map((l) => l.toFixed(2)).join(' / ')}${m.loadAverageAtEnd ? `, at the end ${m.loadAverageAtEnd.map((l) => l.toFixed(2)).join(' / ')}` : ''} (a shared machine: absolute times are noisy, compare ratios within this run).

Config: \`${JSON.stringify(result.config)}\`

## Recommendation

${recommendation(b)}${findings}

## Outcomes

${outcome}

## Latency

Submit = the \`POST /novels/{id}/analyses\` round trip (for \`sync\` the whole job; cut at 29 s as API Gateway does). Completion = submit start → the job's terminal state seen by a ${POLL_MS} ms poll.

${latency}

## Cost per 1,000 jobs (US$, list prices, free tiers ignored)

${cost}

Counts measured in the run (all jobs, plus the one novel upload):

${counts}

## Functions (simulated Lambda environments)

${fns}
${sweep}
## How it was measured

${workload}

Every function (API, worker, step tasks) ran as its esbuild bundle in child processes driven like Lambda execution environments: an invocation is delivered over IPC, the process is suspended (SIGSTOP) as soon as the handler returns, resumed (SIGCONT) only to deliver the next invocation, and killed after the idle period. Work a handler leaves running (fire-and-forget's \`setImmediate\`) is frozen with it and dies with it. AWS requests were counted by a proxy in front of each emulator (the functions' and the SQS event source's; the bench's own polling is not counted). Billed duration is each invocation's duration rounded up to 1 ms, plus the init duration on a cold start. State transitions come from the executions' histories; durable operations from the durable executions' checkpoints (execution start, each step and child context, each step retry), checkpoint data from the bytes of the checkpoint requests. DynamoDB units are estimated from request/response sizes on the wire (1 KB per write unit, 4 KB per read unit). Stalled = unfinished at the end while something could still move it (a frozen environment, a queued message, a running execution); lost = unfinished with nothing left that could.
`;
}
