import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeneratorOutputError } from '@storyboard/domain';
import type { ExecutionBackendName } from '@storyboard/runtime';
import type { ApiHarness } from './api-harness';
import { ApiClient, expectStatus, sampleNovel, startApiHarness } from './api-harness';

const isAsync = (backend: ExecutionBackendName) => backend !== 'sync';

/**
 * The product's scenarios, through the real HTTP server and the Lambda adapter alike, on one
 * backend: create → analyze → poll → page through the storyboard; cancel mid-job; retry a
 * failed job; and user isolation on every resource.
 */
export function describeApiScenarios(backend: ExecutionBackendName): void {
  let harness: ApiHarness;
  let bytes: Uint8Array;

  beforeAll(async () => {
    bytes = await sampleNovel();
    harness = await startApiHarness(backend);
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** Starts an analysis; returns the job id (sync: from the finished response). */
  async function analyze(client: ApiClient, novelId: string) {
    const res = await client.requestAnalysis(novelId);
    if (isAsync(backend)) {
      expectStatus(res, 202);
      const body = res.json();
      expect(body).toMatchObject({ status: 'queued', links: { self: `/jobs/${body.jobId}` } });
      expect(res.headers.get('location')).toBe(`/jobs/${body.jobId}`);
      return body.jobId as string;
    }
    expectStatus(res, 200);
    return res.json().id as string;
  }

  async function submit(client: ApiClient, title: string) {
    const res = await client.submitText(title, bytes);
    expectStatus(res, 201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    return res.json() as { id: string; status: string; language: string };
  }

  describe.each(['http', 'lambda'] as const)('through %s', (transportName) => {
    const client = (user: string) => {
      const transport = harness.transports.find((t) => t.name === transportName);
      if (!transport) throw new Error(transportName);
      return new ApiClient(transport, user);
    };

    it('create → analyze → poll until completed → page through the storyboard', async () => {
      const alice = client(`alice-${transportName}`);
      const novel = await submit(alice, 'The Lighthouse Keeper');
      expect(novel).toMatchObject({ status: 'ready', language: 'en' });
      const jobId = await analyze(alice, novel.id);

      const { job } = await alice.waitForJob(jobId);
      expect(job).toMatchObject({
        id: jobId,
        novelId: novel.id,
        status: 'completed',
        backend,
        attempts: 1,
        error: null,
        progress: { percentage: 100, stage: 'complete' },
      });
      expect(job.progress.chunksDone).toBe(job.progress.chunksTotal);
      expect(job.progress.chunksTotal).toBeGreaterThan(1);
      expect(job.finishedAt).toEqual(expect.any(String));

      // A completed job does not change: the ETag revalidates to 304.
      const first = await alice.getJob(jobId);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"/);
      expect((await alice.getJob(jobId, etag ?? '')).status).toBe(304);

      const whole = await alice.send('GET', `/jobs/${jobId}/storyboard?limit=100`);
      expectStatus(whole, 200);
      expect(whole.json().nextCursor).toBeNull();
      const all = whole.json().storyboard;
      expect(all.schemaVersion).toBe(1);
      expect(all.chapters.length).toBe(all.stats.chapters);
      expect(all.chapters.length).toBeGreaterThan(1);

      const paged: unknown[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await alice.send(
          'GET',
          `/jobs/${jobId}/storyboard?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expectStatus(res, 200);
        const page = res.json();
        expect(page.storyboard.chapters).toHaveLength(1);
        expect(page.storyboard.characters).toEqual(all.characters);
        paged.push(...page.storyboard.chapters);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 100);
      expect(paged).toEqual(all.chapters);

      const listed = await alice.send('GET', '/novels');
      expectStatus(listed, 200);
      expect(listed.json().items.map((n: { id: string }) => n.id)).toContain(novel.id);
      const fetched = await alice.send('GET', `/novels/${novel.id}`);
      expectStatus(fetched, 200);
      expect(fetched.json().latestJobId).toBe(jobId);

      // Isolation: another user sees none of it, on every resource.
      const mallory = client(`mallory-${transportName}`);
      const theirs: [string, string][] = [
        ['GET', `/novels/${novel.id}`],
        ['POST', `/novels/${novel.id}/analyses`],
        ['GET', `/jobs/${jobId}`],
        ['GET', `/jobs/${jobId}/storyboard`],
        ['POST', `/jobs/${jobId}/cancel`],
        ['POST', `/jobs/${jobId}/retry`],
      ];
      for (const [method, path] of theirs) {
        const res = await mallory.send(method, path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(res.json().code).toMatch(/^(NOVEL|JOB)\.NOT_FOUND$/);
      }
      const malloryList = await mallory.send('GET', '/novels');
      expect(malloryList.json().items).toEqual([]);
    });

    it('cancels a job mid-run; it stays cancelled and has no storyboard', async () => {
      const alice = client(`carol-${transportName}`);
      const novel = await submit(alice, 'To be cancelled');
      const gate = harness.generator.hold();
      const jobsBefore = harness.createdJobIds.length;
      try {
        // sync: the request runs the job, so it is answered only once the job has ended.
        const analysis = alice.requestAnalysis(novel.id);
        await gate.entered;
        const jobId = harness.createdJobIds[jobsBefore];
        if (!jobId) throw new Error('no job created');

        const running = await alice.getJob(jobId);
        expect(running.json().status).toBe('running');
        const cancelled = await alice.send('POST', `/jobs/${jobId}/cancel`);
        expectStatus(cancelled, 200);
        expect(cancelled.json()).toMatchObject({ id: jobId, status: 'cancelled' });
        gate.release();

        const answered = await analysis;
        expectStatus(answered, isAsync(backend) ? 202 : 200);
        await new Promise((r) => setTimeout(r, 300)); // steps in flight notice and stop
        const { job } = await alice.waitForJob(jobId);
        expect(job.status).toBe('cancelled');
        const storyboard = await alice.send('GET', `/jobs/${jobId}/storyboard`);
        expectStatus(storyboard, 404);
        expect(storyboard.json().code).toBe('STORYBOARD.NOT_FOUND');
        const again = await alice.send('POST', `/jobs/${jobId}/cancel`);
        expectStatus(again, 409);
        expect(again.json().code).toBe('JOB.ILLEGAL_TRANSITION');
      } finally {
        gate.release();
      }
    });

    it('retries a failed job: the new attempt completes', async () => {
      const alice = client(`dave-${transportName}`);
      const novel = await submit(alice, 'Fails once');
      harness.generator.failNext(1, () => new GeneratorOutputError('the model returned prose'));
      const jobId = await analyze(alice, novel.id);
      const { job: failed } = await alice.waitForJob(jobId);
      expect(failed).toMatchObject({
        status: 'failed',
        attempts: 1,
        error: { code: 'GENERATOR.INVALID_OUTPUT', retryable: false },
      });
      const early = await alice.send('GET', `/jobs/${jobId}/storyboard`);
      expectStatus(early, 404);

      const retried = await alice.send('POST', `/jobs/${jobId}/retry`);
      expectStatus(retried, isAsync(backend) ? 202 : 200);
      const { job } = await alice.waitForJob(jobId);
      expect(job).toMatchObject({ status: 'completed', attempts: 2, error: null });
      expectStatus(await alice.send('GET', `/jobs/${jobId}/storyboard`), 200);

      const again = await alice.send('POST', `/jobs/${jobId}/retry`);
      expectStatus(again, 409);
      expect(again.json()).toMatchObject({ code: 'JOB.ILLEGAL_TRANSITION', status: 409 });
    });
  });
}
