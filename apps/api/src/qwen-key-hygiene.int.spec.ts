import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeQwen } from '@storyboard/fake-qwen';
import type { FakeQwen } from '@storyboard/fake-qwen';
import { teeProcessOutput } from '@storyboard/local-stack/testing';
import { startLocalApiServer } from './server';
import type { LocalApiServer } from './server';
import { ApiClient, expectStatus, sampleNovel } from './testing/api-harness';
import { httpTransport } from './testing/transports';

const KEY = 'sk-hygiene-5f3a9c0e7b1d4a2f';
const KEY_TAIL = KEY.slice(-10);

/**
 * One API server + SQS worker on the local stack, GENERATOR=qwen with the key kept in the
 * emulated Secrets Manager, against a hostile fake-qwen that quotes the sent key back in its
 * 401 and 400 error bodies. Jobs: one refused (401), one rejected (400), one with transient
 * faults that completes. Every line the process writes (DEBUG logs of API and worker) and
 * every HTTP body the client sees is searched for the key.
 */
describe('the Qwen key leaks nowhere (API + SQS worker, DEBUG logs)', () => {
  let fake: FakeQwen;
  let server: LocalApiServer;
  const bodies: string[] = [];
  let output: ReturnType<typeof teeProcessOutput> | undefined;

  beforeAll(async () => {
    output = teeProcessOutput();
    fake = await startFakeQwen({
      apiKey: KEY,
      echoKeyInErrors: true,
      script: ['unauthorized', 'rejected'],
      rate500: 0.2,
      rateInvalidJson: 0.1,
      seed: 3,
      retryAfterSeconds: 0,
    });
    server = await startLocalApiServer(
      {
        EXECUTION_BACKEND: 'sqs',
        PORT: '0',
        AUTH_MODE: 'dev',
        LOG_LEVEL: 'DEBUG',
        CHUNK_MAX_CHARS: '3000',
        GENERATOR: 'qwen',
        LLM_BASE_URL: fake.url,
        QWEN_API_KEY: KEY,
        LLM_MAX_RETRIES: '6',
        // One chunk at a time, so the scripted 401 and 400 land on jobs 1 and 2.
        LLM_CONCURRENCY: '1',
        LLM_REQUESTS_PER_MINUTE: '100000',
      },
      { keyInSecretsManager: true },
    );
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await fake?.close();
    output?.restore();
  });

  it('401, 400 and a faulty-but-completed job: no trace of the key in logs or bodies', async () => {
    const client = new ApiClient(httpTransport(server.url), 'hygiene-user');
    const outcomes: string[] = [];
    let completed: unknown;
    for (let i = 0; i < 3; i++) {
      const submitted = await client.submitText(`Novel ${i}`, await sampleNovel());
      bodies.push(submitted.text);
      expectStatus(submitted, 201);
      const accepted = await client.requestAnalysis((submitted.json() as { id: string }).id);
      bodies.push(accepted.text);
      const { job } = await client.waitForJob(
        (accepted.json() as { jobId: string }).jobId,
        120_000,
      );
      bodies.push(JSON.stringify(job));
      outcomes.push(job.status === 'failed' ? job.error.code : job.status);
      if (job.status === 'completed') completed = job;
    }
    expect(server.local.config.QWEN_API_KEY).toBeUndefined();
    expect(server.local.config.QWEN_SECRET_ARN).toMatch(/^arn:aws:secretsmanager:/);
    expect(outcomes).toEqual(['GENERATOR.AUTH_FAILED', 'GENERATOR.REJECTED', 'completed']);
    // GET /jobs/{id} of the completed job carries the tokens spent and their estimated cost.
    expect(completed).toMatchObject({
      usage: {
        promptTokens: expect.any(Number),
        completionTokens: expect.any(Number),
        estimatedCostUsd: expect.any(Number),
      },
    });
    const { usage } = completed as { usage: { promptTokens: number } };
    expect(usage.promptTokens).toBeGreaterThan(0);
    // The fake did quote the key back (so redaction had something to do) …
    expect(fake.requests.some((r) => r.status === 401)).toBe(true);
    expect(fake.requests.some((r) => r.status === 400)).toBe(true);
    // … and the logs were captured (DEBUG: the worker and API wrote lines).
    const logs = output?.text() ?? '';
    expect(logs).toContain('GENERATOR.AUTH_FAILED');
    for (const text of [logs, ...bodies]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(KEY_TAIL);
    }
  }, 240_000);
});
