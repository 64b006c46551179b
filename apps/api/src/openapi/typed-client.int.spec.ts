import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiSchemas, StoryboardApiClient } from '@storyboard/client';
import { createStoryboardApiClient, isTerminalJob } from '@storyboard/client';
import type { ApiHarness } from '../testing/api-harness';
import { sampleNovel, startApiHarness } from '../testing/api-harness';

// The document proven usable by a real generated client: openapi-fetch typed from it
// (libs/client), over HTTP on 127.0.0.1, against `npm start`'s stack with the SQS backend.
let harness: ApiHarness;
let client: StoryboardApiClient;

beforeAll(async () => {
  harness = await startApiHarness('sqs');
  client = createStoryboardApiClient({
    baseUrl: harness.server.url,
    headers: { 'X-User-Id': 'typed-client-user' },
  });
}, 60_000);
afterAll(() => harness.close());

async function waitForEnd(jobId: string): Promise<ApiSchemas['Job']> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { data, error, response } = await client.GET('/jobs/{id}', {
      params: { path: { id: jobId } },
    });
    if (error) throw new Error(`GET /jobs/${jobId}: ${response.status} ${error.detail}`);
    if (data && isTerminalJob(data)) return data;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${data?.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a client generated from the OpenAPI document (openapi-typescript + openapi-fetch)', () => {
  it('creates a novel, analyzes it, polls the job and pages through the storyboard', async () => {
    // create: the text/plain body as bytes, titled by the query
    const text = new TextDecoder().decode(await sampleNovel());
    const created = await client.POST('/novels', {
      params: { query: { title: 'Typed Client' } },
      body: text,
      bodySerializer: (body) => body as string,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    expect(created.response.status).toBe(201);
    const novel = created.data as ApiSchemas['Novel'];
    expect(novel).toMatchObject({ title: 'Typed Client', status: 'ready', language: 'en' });

    // analyze: the SQS backend accepts the job (202) and the worker runs it
    const started = await client.POST('/novels/{id}/analyses', {
      params: { path: { id: novel.id } },
    });
    expect(started.response.status).toBe(202);
    const accepted = started.data as ApiSchemas['JobAccepted'];
    expect(accepted.links.self).toBe(`/jobs/${accepted.jobId}`);

    // poll
    const job = await waitForEnd(accepted.jobId);
    expect(job).toMatchObject({ id: accepted.jobId, novelId: novel.id, status: 'completed' });
    expect(job.progress.percentage).toBe(100);

    // page: one chapter at a time, following nextCursor to the end
    const titles: string[] = [];
    let cursor: string | undefined;
    let total = 0;
    do {
      const { data, error } = await client.GET('/jobs/{id}/storyboard', {
        params: { path: { id: job.id }, query: { limit: 1, ...(cursor ? { cursor } : {}) } },
      });
      if (error) throw new Error(`storyboard page: ${error.detail}`);
      expect(data.storyboard.chapters.length).toBeLessThanOrEqual(1);
      titles.push(...data.storyboard.chapters.map((c) => c.title));
      total = data.storyboard.stats.chapters;
      cursor = data.nextCursor ?? undefined;
    } while (cursor);
    expect(total).toBeGreaterThan(1);
    expect(titles).toHaveLength(total);
  }, 90_000);

  it('returns the problem+json body, typed, as `error`', async () => {
    const { data, error, response } = await client.GET('/jobs/{id}', {
      params: { path: { id: crypto.randomUUID() } },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(error).toMatchObject({ status: 404, code: 'JOB.NOT_FOUND' });
  });
});
