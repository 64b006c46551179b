import { afterAll, describe, expect, it } from 'vitest';
import { startLocalApp } from '@storyboard/local-stack';
import type { LocalApp } from '@storyboard/local-stack';
import { submitAndRequest, waitForJob } from '@storyboard/local-stack/testing';
import { startFakeQwen } from '@storyboard/fake-qwen';
import type { FakeQwen } from '@storyboard/fake-qwen';
import { TOKENS } from '@storyboard/runtime';
import { syntheticBook } from '@storyboard/fake-qwen';

const KEY = 'sk-rate-limit-0123456789';

describe('rate limit: fake-qwen at 60 requests/minute, LLM_REQUESTS_PER_MINUTE=60', () => {
  let fake: FakeQwen | undefined;
  let app: LocalApp | undefined;
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });

  it('a 40-chunk job with 8 chunks at once completes with at most 2 answers of 429', async () => {
    fake = await startFakeQwen({ apiKey: KEY, requestsPerMinute: 60, latencyMs: 5 });
    app = await startLocalApp({
      backend: 'sync',
      env: {
        LOG_LEVEL: 'SILENT',
        SYNC_MAX_CHARS: '100000000',
        CHUNK_MAX_CHARS: '1000',
        GENERATOR: 'qwen',
        LLM_BASE_URL: fake.url,
        QWEN_API_KEY: KEY,
        LLM_REQUESTS_PER_MINUTE: '60',
        LLM_CONCURRENCY: '8',
      },
    });
    const job = await waitForJob(app, (await submitAndRequest(app, syntheticBook(40))).id, 300_000);
    expect(job.error).toBeNull();
    expect(job.status).toBe('completed');
    const plan = await app.container.get(TOKENS.StoryboardRepository).getPlan(job.id);
    expect(plan?.chunks).toHaveLength(40);
    const throttled = fake.requests.filter((r) => r.status === 429).length;
    console.log(
      `rate limit: ${plan?.chunks.length} chunks, ${fake.requests.length} calls, ${throttled} answers of 429`,
    );
    expect(throttled).toBeLessThanOrEqual(2);
    expect(fake.requests.filter((r) => r.status === 200)).toHaveLength(40);
  }, 300_000);
});
