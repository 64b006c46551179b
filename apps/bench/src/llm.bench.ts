/**
 * Chunk parallelism with an LLM-bound generator (not a test): `npm run bench:llm`.
 * fake-qwen answers every call after a fixed latency; one job of `--chunks` chunks runs with
 * `LLM_CONCURRENCY` (in-process runner and the SQS worker) and `SFN_MAX_CONCURRENCY` (Step
 * Functions Map) both set to `--concurrency`. The ideal job time is
 * ceil(chunks / concurrency) × latency; the ratio measured / ideal is printed per backend,
 * for the whole job (submit → completed) and for its chunk phase (first call → last answer).
 * Loopback only; the machine may be shared, so read the ratios, not the seconds.
 *
 *   npm run bench:llm -- [--chunks 64] [--latency-ms 2000] [--concurrency 8] [--backends sync,sqs,stepfunctions]
 */
import { parseArgs } from 'node:util';
import type { ExecutionBackendName } from '@storyboard/runtime';
import { TOKENS } from '@storyboard/runtime';
import { startLocalApp } from '@storyboard/local-stack';
import { submitAndRequest, waitForJob } from '@storyboard/local-stack/testing';
import { startFakeQwen, syntheticBook } from '@storyboard/fake-qwen';

const KEY = 'sk-bench-llm';

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number) {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

async function runOnce(
  backend: ExecutionBackendName,
  chunks: number,
  latencyMs: number,
  concurrency: number,
) {
  const fake = await startFakeQwen({ apiKey: KEY, latencyMs });
  const app = await startLocalApp({
    backend,
    useStack: backend !== 'sync' && backend !== 'fire-and-forget',
    env: {
      LOG_LEVEL: 'SILENT',
      SYNC_MAX_CHARS: '100000000',
      CHUNK_MAX_CHARS: '1000',
      GENERATOR: 'qwen',
      LLM_BASE_URL: fake.url,
      QWEN_API_KEY: KEY,
      LLM_REQUESTS_PER_MINUTE: '100000',
      LLM_CONCURRENCY: String(concurrency),
      SFN_MAX_CONCURRENCY: String(Math.min(concurrency, 40)),
    },
  });
  try {
    const started = performance.now();
    const job = await waitForJob(
      app,
      (await submitAndRequest(app, syntheticBook(chunks))).id,
      30 * 60_000,
    );
    const seconds = (performance.now() - started) / 1000;
    const plan = await app.container.get(TOKENS.StoryboardRepository).getPlan(job.id);
    let peak = 0;
    const events = fake.requests.flatMap((r) => {
      const start = Date.parse(r.at);
      return [
        { t: start, d: 1 },
        { t: start + r.heldMs, d: -1 },
      ];
    });
    events.sort((a, b) => a.t - b.t || a.d - b.d);
    let level = 0;
    for (const e of events) peak = Math.max(peak, (level += e.d));
    // From the first call's arrival to the last answer: the chunks' phase alone (prepare,
    // assemble and dispatch excluded), the figure the pool and the Map are responsible for.
    const llmSeconds = events.length
      ? (Math.max(...events.map((e) => e.t)) - Math.min(...events.map((e) => e.t))) / 1000
      : 0;
    return {
      llmSeconds,
      status: job.status,
      seconds,
      chunks: plan?.chunks.length ?? 0,
      calls: fake.requests.length,
      peak,
    };
  } finally {
    await app.close();
    await fake.close();
  }
}

const { values } = parseArgs({
  options: {
    chunks: { type: 'string' },
    'latency-ms': { type: 'string' },
    concurrency: { type: 'string' },
    backends: { type: 'string' },
  },
});
const chunks = int('chunks', values.chunks, 64, 1, 10_000);
const latencyMs = int('latency-ms', values['latency-ms'], 2000, 0, 60_000);
const concurrency = int('concurrency', values.concurrency, 8, 1, 64);
const backends = (values.backends ?? 'sync,sqs,stepfunctions').split(',') as ExecutionBackendName[];
const ideal = (Math.ceil(chunks / concurrency) * latencyMs) / 1000;

console.log(
  `bench:llm — ${chunks} chunks, ${latencyMs} ms per call, concurrency ${concurrency}: ideal ${ideal.toFixed(1)} s (machine may be shared)`,
);
console.log(
  'backend        status     chunks  calls  peak in flight  job s   ratio to ideal  chunk phase s  ratio',
);
for (const backend of backends) {
  const r = await runOnce(backend, chunks, latencyMs, concurrency);
  console.log(
    `${backend.padEnd(14)} ${r.status.padEnd(10)} ${String(r.chunks).padStart(6)}  ${String(r.calls).padStart(5)}  ${String(r.peak).padStart(14)}  ${r.seconds.toFixed(1).padStart(5)}   ${(r.seconds / ideal).toFixed(2)}${r.seconds <= 1.2 * ideal ? ' (≤ 1.2 ✓)' : ' (> 1.2)  '}  ${r.llmSeconds.toFixed(1).padStart(13)}  ${(r.llmSeconds / ideal).toFixed(2)}`,
  );
}
