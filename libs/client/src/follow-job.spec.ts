import { describe, expect, it } from 'vitest';
import { FollowJobError, followJob } from './follow-job';
import type { JobView } from './job-view';

const JOB_ID = '0b7e4c1e-5f0c-4a5e-9d56-3f1f1d6b2a11';

const job = (status: JobView['status'], percentage: number): JobView => ({
  id: JOB_ID,
  novelId: 'n1',
  status,
  backend: 'sqs',
  generator: 'heuristic',
  progress: { percentage, stage: 'analyze-chunk', chunksDone: 0, chunksTotal: 2 },
  attempts: 1,
  error: null,
  createdAt: '2026-12-02T00:00:00.000Z',
  updatedAt: '2026-12-02T00:00:00.000Z',
  startedAt: null,
  finishedAt: null,
});

/** An API whose event stream is unusable, so the follower polls `GET /jobs/{id}`: answers
 * come from `polls` in order; what each request sent is recorded. */
function pollingApi(polls: (() => Response)[]) {
  const seen: { url: string; ifNoneMatch: string | null; user: string | null }[] = [];
  const fetchStub = (async (input: Request | string | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url);
    if (url.pathname.endsWith('/events')) {
      return new Response('{}', { headers: { 'content-type': 'application/json' } });
    }
    seen.push({
      url: url.pathname,
      ifNoneMatch: request.headers.get('if-none-match'),
      user: request.headers.get('x-user-id'),
    });
    const next = polls.shift();
    if (!next) throw new Error('polled more than expected');
    return next();
  }) as typeof fetch;
  return { fetchStub, seen };
}

const json = (body: unknown, etag: string) =>
  new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json', etag },
  });

describe('followJob when the event stream cannot be used', () => {
  it('polls with If-None-Match through the typed client until the job ends', async () => {
    const { fetchStub, seen } = pollingApi([
      () => json(job('running', 40), '"v1"'),
      () => new Response(null, { status: 304 }),
      () => json(job('completed', 100), '"v2"'),
    ]);
    const updates: string[] = [];
    const reasons: string[] = [];

    const last = await followJob({
      apiUrl: 'http://api.test/',
      jobId: JOB_ID,
      headers: { 'X-User-Id': 'ann' },
      onUpdate: (j, source) => updates.push(`${source}:${j.status}:${j.progress.percentage}`),
      onFallback: (reason) => reasons.push(reason),
      pollMs: 1,
      fetch: fetchStub,
    });

    expect(last.status).toBe('completed');
    expect(updates).toEqual(['poll:running:40', 'poll:completed:100']);
    expect(reasons).toEqual(['the events route answered 200 application/json']);
    expect(seen).toEqual([
      { url: `/jobs/${JOB_ID}`, ifNoneMatch: null, user: 'ann' },
      { url: `/jobs/${JOB_ID}`, ifNoneMatch: '"v1"', user: 'ann' },
      { url: `/jobs/${JOB_ID}`, ifNoneMatch: '"v1"', user: 'ann' },
    ]);
  });

  it('stops with FollowJobError carrying the problem detail on a 404', async () => {
    const { fetchStub } = pollingApi([
      () =>
        new Response(JSON.stringify({ status: 404, code: 'JOB.NOT_FOUND', detail: 'No job.' }), {
          status: 404,
          headers: { 'content-type': 'application/problem+json' },
        }),
    ]);

    const following = followJob({
      apiUrl: 'http://api.test',
      jobId: JOB_ID,
      headers: {},
      onUpdate: () => undefined,
      pollMs: 1,
      fetch: fetchStub,
    });

    await expect(following).rejects.toBeInstanceOf(FollowJobError);
    await expect(following).rejects.toMatchObject({ status: 404, message: 'HTTP 404: No job.' });
  });
});
