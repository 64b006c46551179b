import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Child } from '@storyboard/local-stack/testing';
import { inspectDataDir, sampleBytes, spawnTsx } from '@storyboard/local-stack/testing';

const ROOT = join(import.meta.dirname, '../../..');
// Small chunks so a job has many and a kill lands between two of them; short leases and
// sweeps so the restarted app picks the job up quickly. A 2 s lease can expire on a loaded
// machine without anything dying, so the stall limit is high: these tests are about resuming,
// not about giving up (JOB.STALLED has its own tests in the domain and the sweeper).
const SETTINGS = {
  EXECUTION_BACKEND: 'sqs',
  PORT: '0',
  CHUNK_MAX_CHARS: '1000',
  PROGRESS_INTERVAL_MS: '0',
  LEASE_MS: '2000',
  MAX_STALLS: '100',
  SWEEP_INTERVAL_MS: '500',
  LOG_LEVEL: 'WARN',
};
const USER = { 'x-user-id': 'crash-tester' };

let dir: string;
let text: Uint8Array;
const children: Child[] = [];

/** The entry `npm start` runs (its last `tsx <file>`), read from package.json so the test
 * follows the script. */
async function startEntry(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const entry = [...String(pkg.scripts.start).matchAll(/tsx\s+(\S+)/g)].at(-1)?.[1];
  if (!entry) throw new Error(`no "tsx <entry>" in the start script: ${pkg.scripts.start}`);
  return entry;
}

/** Starts the app as `npm start` does, in a child process; resolves with its URL. */
async function start(env: Record<string, string>): Promise<{ child: Child; url: string }> {
  const child = spawnTsx(await startEntry(), [], env);
  children.push(child);
  const [, url] = await child.waitForLine(/API\s+(http:\/\/127\.0\.0\.1:\d+)/);
  return { child, url: url ?? '' };
}

async function call(url: string, method: string, path: string, body?: Uint8Array) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...USER, ...(body ? { 'content-type': 'text/plain; charset=utf-8' } : {}) },
    body,
  });
  const json = (await res.json()) as JobJson;
  return { status: res.status, json };
}

/** The fields of the API's answers (novel, job, problem) this test reads. */
interface JobJson {
  id: string;
  jobId: string;
  status: string;
  progress: { chunksDone: number };
  error?: { code: string; message: string };
}

/** Uploads a novel (`copies` × the sample, so it has many chunks) and requests its analysis. */
async function submitJob(url: string, title: string, copies: number): Promise<string> {
  const decoded = new TextDecoder().decode(text);
  const body = new TextEncoder().encode(Array.from({ length: copies }, () => decoded).join('\n\n'));
  const novel = await call(url, 'POST', `/novels?title=${encodeURIComponent(title)}`, body);
  expect(novel.status, JSON.stringify(novel.json)).toBe(201);
  const job = await call(url, 'POST', `/novels/${novel.json.id}/analyses`);
  expect(job.status, JSON.stringify(job.json)).toBe(202);
  return job.json.jobId;
}

/** Polls GET /jobs/{id} until `done` holds for the job. */
async function waitForJob(
  url: string,
  jobId: string,
  done: (job: { status: string; progress: { chunksDone: number } }) => boolean,
  timeoutMs = 120_000,
) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { status, json } = await call(url, 'GET', `/jobs/${jobId}`);
    expect(status).toBe(200);
    if (done(json)) return json;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${JSON.stringify(json)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const terminal = (job: { status: string }) =>
  ['completed', 'failed', 'cancelled'].includes(job.status);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storyboard-start-crash-'));
  text = await sampleBytes();
});
afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGKILL');
    }
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm start with DATA_DIR', () => {
  it('killed with SIGKILL mid-job: the next start resumes the job with no new request, generating no saved chunk twice', async () => {
    const env = { ...SETTINGS, DATA_DIR: join(dir, 'killed') };
    const first = await start(env);
    const jobId = await submitJob(first.url, 'Killed mid-job', 6);
    await waitForJob(first.url, jobId, (j) => j.progress.chunksDone >= 3);
    first.child.process.kill('SIGKILL');
    expect((await first.child.exited).signal).toBe('SIGKILL');

    const [killed, ...others] = await inspectDataDir(env.DATA_DIR, 'tag');
    expect(others).toEqual([]);
    expect(killed?.job).toMatchObject({ id: jobId, status: 'running' });
    const tagged = killed?.chunks.tagged ?? 0;
    expect(tagged).toBeGreaterThanOrEqual(3);

    // Restart: no request but GET polls; the start-up sweep re-dispatches the job.
    const second = await start(env);
    expect(second.child.output()).toMatch(/did not stop cleanly/);
    expect(second.child.output()).toMatch(/unfinished jobs: resumed 1, failed 0/);
    const job = await waitForJob(second.url, jobId, terminal);
    expect(job).toMatchObject({ status: 'completed', attempts: 1 });
    second.child.process.kill('SIGTERM');
    expect((await second.child.exited).code).toBe(0);

    const after = await inspectDataDir(env.DATA_DIR, 'report');
    expect(after.map((j) => j.job.id)).toEqual([jobId]);
    expect(after[0]?.chunks.saved).toBe(after[0]?.job.progress.chunksTotal);
    // Every chunk saved before the kill is still the item written then: none generated twice.
    expect(after[0]?.chunks.tagged).toBe(tagged);
  }, 240_000);

  it('SIGTERM: stops polling, gives work in flight STOP_DRAIN_MS, exits 0; the next start finishes what it left', async () => {
    const env = { ...SETTINGS, DATA_DIR: join(dir, 'stopped'), STOP_DRAIN_MS: '1000' };
    const first = await start(env);
    // One worker: the second job waits in the queue while the first runs.
    const running = await submitJob(first.url, 'Running at SIGTERM', 12);
    const waiting = await submitJob(first.url, 'Queued at SIGTERM', 1);
    await waitForJob(first.url, running, (j) => j.progress.chunksDone >= 3);
    const sent = Date.now();
    first.child.process.kill('SIGTERM');
    const { code } = await first.child.exited;
    const stopMs = Date.now() - sent;
    expect(code, first.child.output()).toBe(0);
    expect(first.child.output()).toMatch(/SIGTERM: stopping \(work in flight gets 1000 ms\)/);
    expect(first.child.output()).toMatch(/Stopped\./);
    console.log(`npm start: SIGTERM to exit ${stopMs} ms (STOP_DRAIN_MS 1000)`);

    const left = new Map(
      (await inspectDataDir(env.DATA_DIR, 'tag')).map((j) => [j.job.id, j.job.status]),
    );
    // The queue stopped being polled: the waiting job was never started.
    expect(left.get(waiting)).toBe('queued');
    // The job in flight either finished within the drain or was left, unfinished, for the
    // sweeper; never failed by the stop itself.
    expect(['running', 'completed']).toContain(left.get(running));

    const second = await start(env);
    for (const jobId of [running, waiting]) {
      const job = await waitForJob(second.url, jobId, terminal);
      expect(job, JSON.stringify(job.error)).toMatchObject({ status: 'completed' });
    }
    second.child.process.kill('SIGTERM');
    expect((await second.child.exited).code).toBe(0);
  }, 240_000);
});
