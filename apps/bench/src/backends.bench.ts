/**
 * Which backend? `npm run bench:backends`: runs the same analyses on every execution backend,
 * each deployed on a simulated Lambda (child-process environments frozen with SIGSTOP between
 * invocations, killed when idle) over the local stack's emulators, and reports outcomes,
 * latency, throughput and cost per 1,000 jobs measured in this one run.
 */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { cachedBundles } from './bundle-cache';
import { runInProcessBench } from './in-process.bench';
import { runTargetBench } from './target-bench';
import { LlmWorkload } from './llm-workload';
import type { BenchResult } from './report';
import { reportMarkdown } from './report';
import { rewriteReport, writeReport } from './rewrite-report';
import type { BackendResult, Progress } from './sim-run';
import type { PlannedPoint, SweepPoint, Workload } from './sweep';
import { UsageError, loadText, parseSizes, runBackend, sweepJobs } from './sweep';
import type { BenchBackend } from './sim-stack/start-sim-stack';
import { functionsOf } from './sim-stack/start-sim-stack';

const ALL: readonly BenchBackend[] = ['sync', 'sqs', 'stepfunctions', 'durable', 'fire-and-forget'];
const ROOT = resolve(import.meta.dirname, '../../..');
/** The sweep's whole novel: the shortest of the shared corpus (never committed here). */
const DEFAULT_NOVEL = resolve(ROOT, '../shared/corpus/en-alice-in-wonderland.txt');

const USAGE = `usage: npm run bench:backends -- [options]
  --jobs N               analyses per backend (1–10000, default 40)
  --concurrency C        clients submitting at once (1–1000, default 8)
  --file PATH            the novel (default: samples/en-the-lighthouse-keeper.txt)
  --chars N              repeat the novel's text up to N characters
  --sizes LIST           also a text-size sweep, e.g. 5k,50k,500k,novel: each size on every
                         backend with the heuristic generator and, with --generator qwen, with
                         Qwen too; a size runs ceil(jobs × main chars / size chars) jobs
                         (at least 2, at most --jobs). Default: no sweep
  --novel PATH           the whole novel of the sweep's "novel" size
                         (default: ../shared/corpus/en-alice-in-wonderland.txt)
  --backends LIST        comma-separated, from ${ALL.join(', ')} (default: all)
  --generator NAME       heuristic (default) or qwen (fake-qwen in this process)
  --llm-latency-ms A-B   qwen: each call takes a uniform A..B ms (default 1000-3000)
  --llm-error-rate P     qwen: share of calls answered 500, retried by the generator (0–1, default 0)
  --idle-ms MS           an environment idle this long is killed (default 3000)
  --function-concurrency N  reserved concurrency of every function (default: --concurrency,
                         at least 2: fewer simultaneous cold starts on a small machine)
  --visibility S         queue visibility timeout and worker timeout, seconds (default 30)
  --worker-kill-rate P   probability a worker/step-task environment dies mid-run (0–1, default 0)
  --timeout S            seconds allowed per backend and run (default 150)
  --out DIR              write result.json, report.md and SVG charts there
  --target URL           measure a running deployment instead (npm start, or a stage on AWS):
                         each backend picked per request, from its ENABLED_BACKENDS
  --token T              with --target: bearer token (JWT) for the API
  --user U               with --target: X-User-Id for an API in AUTH_MODE=dev
  --report DIR           write report.md and the charts again from DIR/result.json (after a
                         change to the report; every figure still from that run)
  --in-process           the older comparison in one process, no Lambda simulation
                         (see --in-process --help)`;

function num(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
  integer = true,
): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n)))
    throw new UsageError(
      `--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${raw}"`,
    );
  return n;
}

function targetUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--target must be the API's base URL (http(s)://…), got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--target must be an http(s) URL, got "${raw}"`);
  return url.href.replace(/\/$/, '');
}

function parseCli(argv: readonly string[]) {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: Object.fromEntries(
        [
          'jobs',
          'concurrency',
          'file',
          'chars',
          'sizes',
          'novel',
          'backends',
          'generator',
          'idle-ms',
          'function-concurrency',
          'visibility',
          'worker-kill-rate',
          'timeout',
          'out',
          'target',
          'llm-latency-ms',
          'llm-error-rate',
          'token',
          'user',
        ].map((k) => [k, { type: 'string' as const }]),
      ),
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const v = values as Record<string, string | undefined>;
  const backends = (v.backends ?? ALL.join(',')).split(',').map((b) => b.trim()) as BenchBackend[];
  for (const b of backends)
    if (!ALL.includes(b))
      throw new UsageError(`--backends: unknown backend "${b}" (use ${ALL.join(', ')})`);
  const generator = v.generator ?? 'heuristic';
  if (generator !== 'heuristic' && generator !== 'qwen')
    throw new UsageError(`--generator must be heuristic or qwen, got "${generator}"`);
  const latency = /^(\d+)-(\d+)$/.exec(v['llm-latency-ms'] ?? '1000-3000');
  const [minMs, maxMs] = [Number(latency?.[1]), Number(latency?.[2])];
  if (!latency || minMs > maxMs || maxMs > 600_000)
    throw new UsageError(`--llm-latency-ms must be MIN-MAX in ms, got "${v['llm-latency-ms']}"`);
  return {
    jobs: num('jobs', v.jobs, 40, 1, 10_000),
    concurrency: num('concurrency', v.concurrency, 8, 1, 1_000),
    file: v.file,
    chars: v.chars === undefined ? undefined : num('chars', v.chars, 0, 1, 50_000_000),
    backends,
    generator,
    idleMs: num('idle-ms', v['idle-ms'], 3000, 100, 600_000),
    functionConcurrency: num(
      'function-concurrency',
      v['function-concurrency'],
      Math.max(2, num('concurrency', v.concurrency, 8, 1, 1_000)),
      1,
      1000,
    ),
    visibilitySeconds: num('visibility', v.visibility, 30, 2, 43_200),
    workerKillRate: num('worker-kill-rate', v['worker-kill-rate'], 0, 0, 1, false),
    timeoutMs: num('timeout', v.timeout, 150, 5, 7200) * 1000,
    llm: { minMs, maxMs, errorRate: num('llm-error-rate', v['llm-error-rate'], 0, 0, 1, false) },
    sizes: v.sizes === undefined ? [] : parseSizes(v.sizes, resolve(v.novel ?? DEFAULT_NOVEL)),
    out: v.out,
    target: v.target === undefined ? undefined : targetUrl(v.target),
    token: v.token ?? process.env.BENCH_TOKEN,
    user: v.user,
  };
}

function progressLine(p: Progress): string {
  return `  ${p.backend.padEnd(28)} submitted ${p.submitted}  completed ${p.completed}  failed ${p.failed}  running ${p.pending}  ${(p.elapsedMs / 1000).toFixed(0)} s`;
}

async function main(): Promise<number> {
  let cli: ReturnType<typeof parseCli>;
  let input: Awaited<ReturnType<typeof loadText>>;
  let sweepInputs: Awaited<ReturnType<typeof loadText>>[];
  if (process.argv.includes('--in-process'))
    return runInProcessBench(process.argv.slice(2).filter((a) => a !== '--in-process'));
  const again = process.argv.indexOf('--report');
  if (again >= 0) return rewriteReport(process.argv[again + 1]);
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  try {
    cli = parseCli(process.argv.slice(2));
    input = await loadText(cli.file, cli.chars);
    sweepInputs = await Promise.all(
      cli.sizes.map((z) =>
        'file' in z
          ? loadText(z.file).catch((err: unknown) => {
              throw new UsageError(
                `--sizes novel: ${String(err)}; give the file with --novel PATH`,
              );
            })
          : loadText(cli.file, z.chars),
      ),
    );
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`bench:backends: ${err.message}\n${USAGE}`);
    return 2;
  }
  const startedAt = new Date().toISOString();
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1e9),
    freeMemoryGb: Math.round(freemem() / 1e9),
    node: process.version,
    platform: process.platform,
    loadAverage: loadavg(),
  };
  const command = `npm run bench:backends -- ${process.argv.slice(2).join(' ')}`.trim();
  if (cli.target) {
    const ran = await runTargetBench({
      ...cli,
      url: cli.target,
      bytes: input.bytes,
      title: input.title,
      machine,
      command: command.replace(/--token\s+\S+/, '--token ***'),
    });
    return Object.values(ran).every((r) => r.wrongBackend === 0) ? 0 : 1;
  }
  const runs = cli.backends.length * (1 + cli.sizes.length * (cli.generator === 'qwen' ? 2 : 1));
  const limitMs = runs * (cli.timeoutMs + 60_000) + 120_000;
  setTimeout(() => {
    console.error(`bench:backends: still running after ${limitMs / 1000} s, giving up`);
    process.exit(1);
  }, limitMs).unref();

  const t0 = performance.now();
  console.log(
    `"${input.title}", ${input.chars} chars; ${cli.jobs} jobs × ${cli.backends.join(', ')}; ${cli.concurrency} clients; idle kill ${cli.idleMs} ms; load ${machine.loadAverage.map((l) => l.toFixed(1)).join('/')} on ${machine.cpus} cpus`,
  );
  process.stdout.write('bundling the handlers … ');
  const { bundles, cached } = await cachedBundles(
    ROOT,
    join(ROOT, 'tmp/bench-bundles'),
    functionsOf(cli.backends),
  );
  console.log(
    `${((performance.now() - t0) / 1000).toFixed(1)} s${cached ? ' (unchanged sources: cached)' : ''}`,
  );
  const llm = cli.generator === 'qwen' ? await LlmWorkload.start(cli.llm) : undefined;
  const base = { LOG_LEVEL: 'SILENT', SYNC_MAX_CHARS: '100000000', CHUNK_MAX_CHARS: '4000' };
  const heuristic: Workload = { generator: 'heuristic', env: { ...base, GENERATOR: 'heuristic' } };
  const main: Workload = llm
    ? { generator: 'qwen', env: { ...base, ...llm.env() }, tokens: () => llm.tokens() }
    : heuristic;
  const sweep: SweepPoint[] = [];
  const planned: PlannedPoint[] = [];
  for (const workload of main === heuristic ? [heuristic] : [heuristic, main])
    cli.sizes.forEach((size, i) => {
      const text = sweepInputs[i] as (typeof sweepInputs)[number];
      const point: SweepPoint = {
        workload: workload.generator,
        size: size.label,
        chars: text.chars,
        title: text.title,
        jobs: sweepJobs(cli.jobs, input.chars, text.chars),
        backends: {},
      };
      sweep.push(point);
      planned.push({ point, input: text, workload });
    });
  const backends: Record<string, BackendResult> = {};
  const tty = process.stdout.isTTY;
  let lastLine = 0;
  for (const backend of cli.backends) {
    backends[backend] = await runBackend(
      {
        backend,
        bundles,
        concurrency: cli.concurrency,
        idleMs: cli.idleMs,
        timeoutMs: cli.timeoutMs,
        workerKillRate: cli.workerKillRate,
        functionConcurrency: cli.functionConcurrency,
        visibilitySeconds: cli.visibilitySeconds,
        onProgress: (p) => {
          if (tty) process.stdout.write(`\r${progressLine(p)}   `);
          else if (p.elapsedMs - lastLine > 5000) {
            lastLine = p.elapsedMs;
            console.log(progressLine(p));
          }
        },
      },
      { input, workload: main, jobs: cli.jobs },
      planned,
      (label, r) => {
        lastLine = 0;
        if (tty) process.stdout.write('\n');
        console.log(
          `${label}: ${r.completed}/${r.jobs} completed, ${r.failed} failed, ${r.stalled} stalled, ${r.lost} lost, ${(r.wallMs / 1000).toFixed(1)} s (${r.endedBy})${r.firstError ? `; failures ${JSON.stringify(r.failures)}, first: ${r.firstError.slice(0, 300)}` : ''}`,
        );
      },
    );
  }
  await llm?.close();
  const { out, sizes, ...config } = cli;
  const result: BenchResult = {
    config: {
      ...config,
      chars: input.chars,
      title: input.title,
      ...(sizes.length ? { sizes: sizes.map((z) => z.label) } : {}),
      memoryMb: (await import('./sim-stack/start-sim-stack')).MEMORY_MB,
    },
    machine,
    startedAt,
    command,
    backends,
    ...(sweep.length ? { sweep } : {}),
  };
  result.machine.loadAverageAtEnd = loadavg();
  const markdown = reportMarkdown(result, command);
  if (out) {
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
    await writeReport(out, result, command);
    console.log(`\nwrote ${join(out, 'report.md')}, result.json and charts`);
  }
  console.log(`\n${markdown.split('## Outcomes')[0]?.split('## Recommendation')[1]?.trim() ?? ''}`);
  console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return 0;
}

process.exitCode = await main();
