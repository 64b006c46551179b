import { afterEach, describe, expect, it } from 'vitest';
import { StoryboardSchema } from '@storyboard/domain';
import type { LocalApp, LocalAppOptions } from '@storyboard/local-stack';
import { startLocalApp } from '@storyboard/local-stack';
import {
  dlqArrivals,
  sampleBytes,
  storyboardOf,
  submitAndRequest,
  waitForJob,
} from '@storyboard/local-stack/testing';
import { TOKENS } from '@storyboard/runtime';
import type { FakeQwen, FakeQwenOptionsInput } from '@storyboard/fake-qwen';
import { startFakeQwen, syntheticBook } from '@storyboard/fake-qwen';

const KEY = 'sk-faults-qwen-0123456789';
const BACKENDS = ['sync', 'sqs', 'stepfunctions'] as const;

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

async function qwenApp(
  backend: (typeof BACKENDS)[number],
  fakeOptions: FakeQwenOptionsInput,
  env: Record<string, string> = {},
  options: Partial<LocalAppOptions> = {},
): Promise<{ app: LocalApp; fake: FakeQwen }> {
  const fake = await startFakeQwen({ apiKey: KEY, ...fakeOptions });
  open.push(fake);
  const app = await startLocalApp({
    backend,
    useStack: true,
    env: {
      LOG_LEVEL: 'SILENT',
      SYNC_MAX_CHARS: '100000000',
      GENERATOR: 'qwen',
      LLM_BASE_URL: fake.url,
      QWEN_API_KEY: KEY,
      LLM_REQUESTS_PER_MINUTE: '100000',
      // Small chunks: several calls per job, so faults land mid-job.
      CHUNK_MAX_CHARS: '3000',
      ...env,
    },
    ...options,
  });
  open.push(app);
  return { app, fake };
}

async function chunkCount(app: LocalApp, jobId: string): Promise<number> {
  const plan = await app.container.get(TOKENS.StoryboardRepository).getPlan(jobId);
  return plan?.chunks.length ?? 0;
}

describe(
  'GENERATOR=qwen against a faulty fake-qwen, on every backend',
  { timeout: 180_000 },
  () => {
    for (const backend of BACKENDS) {
      it(`${backend}: 20% transient failures (429, 500, timeout, invalid and truncated JSON) → completed, valid storyboard`, async () => {
        const { app, fake } = await qwenApp(
          backend,
          {
            rate429: 0.04,
            rate500: 0.04,
            rateHang: 0.04,
            rateInvalidJson: 0.04,
            rateTruncatedJson: 0.04,
            // Each kind once at the start (so every kind is seen), then drawn at 20 % in all.
            script: ['throttled', 'server-error', 'hang', 'invalid-json', 'truncated-json'],
            hangMs: 10_000,
            retryAfterSeconds: 0,
            seed: 7,
          },
          { LLM_TIMEOUT_MS: '500', LLM_MAX_RETRIES: '8', CHUNK_MAX_CHARS: '1000' },
        );
        const job = await waitForJob(
          app,
          (await submitAndRequest(app, syntheticBook(24))).id,
          240_000,
        );
        expect(job.error).toBeNull();
        expect(job.status).toBe('completed');
        StoryboardSchema.parse(await storyboardOf(app, job.id));
        const chunks = await chunkCount(app, job.id);
        const faults = fake.requests.filter((r) => r.outcome !== 'ok');
        const byOutcome: Record<string, number> = {};
        for (const r of fake.requests) byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
        console.log(
          `${backend} 20% faults: ${chunks} chunks, ${fake.requests.length} calls, ${JSON.stringify(byOutcome)}`,
        );
        // The faults really happened, every kind of them, and cost more calls.
        expect(faults.length).toBeGreaterThanOrEqual(5);
        for (const kind of ['throttled', 'server-error', 'hang', 'invalid-json', 'truncated-json'])
          expect(byOutcome[kind]).toBeGreaterThanOrEqual(1);
        expect(fake.requests.length).toBeGreaterThan(chunks);
      });

      it(`${backend}: every call 401 → failed GENERATOR.AUTH_FAILED, one call per chunk started, no retries`, async () => {
        const { app, fake } = await qwenApp(
          backend,
          { force: '401' },
          { LLM_MAX_RETRIES: '4', LLM_CONCURRENCY: '4', SFN_MAX_CONCURRENCY: '4' },
        );
        const job = await waitForJob(
          app,
          (await submitAndRequest(app, await sampleBytes())).id,
          120_000,
        );
        expect(job).toMatchObject({
          status: 'failed',
          error: { code: 'GENERATOR.AUTH_FAILED', retryable: false },
        });
        // Give a straggling chunk in flight time to show up before counting.
        await new Promise((r) => setTimeout(r, 500));
        const calls = fake.requests.length;
        const chunks = await chunkCount(app, job.id);
        // The pool (LLM_CONCURRENCY) and the Map (SFN_MAX_CONCURRENCY) start up to 4 chunks at
        // once; the first 401 stops new ones. Exactly one call per chunk started: the request
        // log names each call's chunk, and no chunk was called twice.
        const started = new Set(fake.requests.map((r) => r.chunk));
        console.log(
          `${backend} all-401: ${chunks} chunks, ${calls} calls, ${started.size} chunks started`,
        );
        expect(started.has(undefined)).toBe(false);
        expect(calls).toBe(started.size);
        expect(calls).toBeGreaterThanOrEqual(1);
        expect(calls).toBeLessThanOrEqual(Math.min(chunks, 4));
        expect(fake.requests.every((r) => r.status === 401)).toBe(true);
      });
    }

    it('sqs: every call 500 → each delivery makes 1 + LLM_MAX_RETRIES calls, then the job fails and the message is in the DLQ', async () => {
      const { app, fake } = await qwenApp(
        'sqs',
        { force: '500' },
        // One chunk at a time, so the count is exact: the first chunk fails each delivery.
        { LLM_MAX_RETRIES: '1', MAX_RECEIVE_COUNT: '2', LLM_CONCURRENCY: '1' },
        { queue: { visibilityTimeoutSeconds: 1, maxReceiveCount: 2 } },
      );
      const job = await waitForJob(
        app,
        (await submitAndRequest(app, await sampleBytes())).id,
        120_000,
      );
      expect(job).toMatchObject({
        status: 'failed',
        error: { code: 'GENERATOR.UNAVAILABLE', retryable: true },
      });
      // 2 receives × (1 + 1 retry) on the first chunk.
      expect(fake.requests).toHaveLength(4);
      expect(new Set(fake.requests.map((r) => r.chunk)).size).toBe(1);
      const dead = await dlqArrivals(app);
      expect(dead).toBe(1);
      console.log(`sqs all-500: ${fake.requests.length} calls, ${dead} message in the DLQ`);
    });
  },
);
