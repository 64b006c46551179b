import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followJob } from '@storyboard/client';
import type { JobView } from '@storyboard/client';
import { TOKENS } from '@storyboard/runtime';
import { TEST_ENV, sampleNovel } from './testing/api-harness';
import { openJobStream } from './testing/sse-test-client';
import { SteppingGenerator } from './testing/stepping-generator';
import { startLocalApiServer } from './server';
import type { LocalApiServer } from './server';

/** `GET /jobs/{id}/events` on the real local server (sqs backend on the local stack). */
describe('job events (SSE) on the local server', () => {
  let server: LocalApiServer;
  let generator: SteppingGenerator;
  let bytes: Uint8Array;

  beforeAll(async () => {
    bytes = await sampleNovel();
    server = await startLocalApiServer(
      // A long poll interval: what arrives promptly was pushed by the change signal.
      {
        ...TEST_ENV,
        EXECUTION_BACKEND: 'sqs',
        PORT: '0',
        AUTH_MODE: 'dev',
        SSE_POLL_MS: '2000',
        PROGRESS_INTERVAL_MS: '0',
        LLM_CONCURRENCY: '1',
      },
      {
        overrides: (container) => {
          generator = new SteppingGenerator(container.get(TOKENS.StoryboardGenerator));
          container.rebind(TOKENS.StoryboardGenerator).toConstantValue(generator);
        },
      },
    );
  });
  afterAll(async () => {
    generator?.open();
    await server?.close();
  });

  const send = (user: string, method: string, path: string, body?: Uint8Array) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { 'x-user-id': user, 'content-type': 'text/plain; charset=utf-8' },
      body,
    });

  async function startJob(user: string): Promise<string> {
    const novel = (await (await send(user, 'POST', '/novels?title=SSE', bytes)).json()) as {
      id: string;
    };
    const res = await send(user, 'POST', `/novels/${novel.id}/analyses`);
    expect(res.status).toBe(202);
    return ((await res.json()) as { jobId: string }).jobId;
  }

  const getJob = async (user: string, jobId: string) =>
    (await (await send(user, 'GET', `/jobs/${jobId}`)).json()) as JobView & { version?: never };

  it('sends the current state at once, then each change, and closes after the terminal one', async () => {
    generator.close();
    const jobId = await startJob('sse-a');
    await generator.reached(1);
    const stream = await openJobStream(server.url, jobId, 'sse-a');
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    await stream.waitFor(1);
    expect(stream.events[0]!.job).toEqual(await getJob('sse-a', jobId));
    generator.open();
    await stream.ended;
    const ids = stream.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    const percentages = new Set(stream.events.map((e) => e.job.progress.percentage));
    expect(percentages.size).toBeGreaterThanOrEqual(3);
    expect(stream.events.at(-1)!.job.status).toBe('completed');
  });

  it('a reconnect with Last-Event-ID gets no duplicate and no gap', async () => {
    generator.close();
    const jobId = await startJob('sse-b');
    await generator.reached(1);
    const first = await openJobStream(server.url, jobId, 'sse-b');
    await first.waitFor(1);
    const lastSeen = first.events.at(-1)!;
    first.abort();

    // While no stream is open the job moves on by two chunks.
    generator.allow(2);
    await generator.reached(3);
    const now = await getJob('sse-b', jobId);
    expect(now.progress.chunksDone).toBe(lastSeen.job.progress.chunksDone + 2);

    const second = await openJobStream(server.url, jobId, 'sse-b', String(lastSeen.id));
    await second.waitFor(1);
    // No duplicate: nothing at or before the last id seen; no gap: the state now, at once.
    expect(second.events[0]!.id).toBeGreaterThan(lastSeen.id);
    expect(second.events[0]!.job).toEqual(now);

    // The current version as Last-Event-ID: nothing is resent; the next change arrives.
    const third = await openJobStream(server.url, jobId, 'sse-b', String(second.events[0]!.id));
    generator.allow(1);
    await third.waitFor(1);
    expect(third.events[0]!.id).toBeGreaterThan(second.events[0]!.id);
    expect(third.events[0]!.job.progress.chunksDone).toBeGreaterThan(now.progress.chunksDone);
    second.abort();
    third.abort();

    generator.open();
    const final = await openJobStream(server.url, jobId, 'sse-b', String(third.events[0]!.id));
    await final.ended;
    expect(final.events.at(-1)!.job.status).toBe('completed');
    // The client already has the terminal state: 204 tells an EventSource to stop.
    const after = await openJobStream(server.url, jobId, 'sse-b', String(final.events.at(-1)!.id));
    expect(after.status).toBe(204);
  });

  it('another user’s job is a problem+json 404 before any stream; no user is 401', async () => {
    generator.open();
    const jobId = await startJob('sse-owner');
    const other = await openJobStream(server.url, jobId, 'sse-intruder');
    expect(other.status).toBe(404);
    expect(other.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(other.body)).toMatchObject({ code: 'JOB.NOT_FOUND' });
    const anonymous = await fetch(`${server.url}/jobs/${jobId}/events`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('200 concurrent streams each receive the terminal event within a stated memory budget', async () => {
    generator.close();
    const jobId = await startJob('sse-many');
    await generator.reached(1);
    global.gc?.();
    const before = process.memoryUsage();
    const streams = await Promise.all(
      Array.from({ length: 200 }, () => openJobStream(server.url, jobId, 'sse-many')),
    );
    await Promise.all(streams.map((s) => s.waitFor(1)));
    const during = process.memoryUsage();
    generator.open();
    await Promise.all(streams.map((s) => s.ended));
    for (const s of streams) expect(s.events.at(-1)!.job.status).toBe('completed');
    // Server and 200 clients share this process: the budget covers both sides.
    const heapMb = (during.heapUsed - before.heapUsed) / 2 ** 20;
    const rssMb = (during.rss - before.rss) / 2 ** 20;
    console.log(
      `200 open streams: heap +${heapMb.toFixed(1)} MB, rss +${rssMb.toFixed(1)} MB (server and clients in one process)`,
    );
    expect(heapMb).toBeLessThan(64);
  }, 120_000);
});

describe('job events with a short maximum stream time', () => {
  let server: LocalApiServer;

  beforeAll(async () => {
    server = await startLocalApiServer({
      ...TEST_ENV,
      EXECUTION_BACKEND: 'sqs',
      PORT: '0',
      AUTH_MODE: 'dev',
      SSE_MAX_STREAM_SECONDS: '1',
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('closes with a retry hint; the follower reconnects and sees each version once', async () => {
    // Hold the job on its first chunk so it outlives several streams.
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const generator = server.local.container.get(TOKENS.StoryboardGenerator);
    const inner = generator.generate.bind(generator);
    generator.generate = async (input, signal) => (await gate, inner(input, signal));
    const headers = { 'x-user-id': 'sse-follow' };
    const novel = (await (
      await fetch(`${server.url}/novels?title=Follow`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'text/plain' },
        body: await sampleNovel(),
      })
    ).json()) as { id: string };
    const started = (await (
      await fetch(`${server.url}/novels/${novel.id}/analyses`, { method: 'POST', headers })
    ).json()) as { jobId: string };

    const first = await openJobStream(server.url, started.jobId, 'sse-follow');
    const hint = await first.ended;
    expect(hint?.retryMs).toBe(1000);

    const updatedAt: string[] = [];
    const following = followJob({
      apiUrl: server.url,
      jobId: started.jobId,
      headers,
      onUpdate: (job, source) => {
        expect(source).toBe('sse');
        updatedAt.push(`${job.updatedAt}|${job.progress.percentage}|${job.status}`);
      },
    });
    await new Promise((r) => setTimeout(r, 2500)); // spans at least two server-closed streams
    release();
    const job = await following;
    expect(job.status).toBe('completed');
    expect(new Set(updatedAt).size).toBe(updatedAt.length);
  });
});
