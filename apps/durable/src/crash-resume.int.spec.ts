import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Storyboard } from '@storyboard/domain';
import {
  content,
  referenceStoryboard,
  sampleBytes,
  startFaultyApp,
  storyboardOf,
  waitForJob,
} from '@storyboard/local-stack/testing';

const ROOT = resolve(import.meta.dirname, '../../..');
const ENV = { CHUNK_MAX_CHARS: '1000', LOG_LEVEL: 'SILENT', DURABLE_MAX_CONCURRENCY: '1' };
/** The child is killed when it is asked for this chunk: chunks 0..KILL_AT-1 are done. */
const KILL_AT = 3;

let dir: string;
let reference: Storyboard;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'durable-crash-'));
  reference = await referenceStoryboard(await sampleBytes(), ENV);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the crash child to its death; resolves with the signal that ended it. */
function runChild(persistDir: string, counts: string, jobIdFile: string) {
  return new Promise<NodeJS.Signals | null>((done, fail) => {
    // this Node (22, from the `node` devDependency) with tsx's loader: `.bin/tsx` would pick
    // whatever `node` is first on PATH
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'testing/crash-child.ts'),
        persistDir,
        String(KILL_AT),
        counts,
        jobIdFile,
      ],
      { cwd: ROOT, env: { ...process.env, ...ENV }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) =>
      signal ? done(signal) : fail(new Error(`child exited ${code}: ${stderr}`)),
    );
  });
}

it('a durable run killed after chunk k resumes on restart from its checkpoints', async () => {
  const persistDir = join(dir, 'state');
  const counts = join(dir, 'counts.txt');
  const jobIdFile = join(dir, 'job-id.txt');

  // act 1: the process dies (SIGKILL, no clean-up) while chunk KILL_AT is being generated
  expect(await runChild(persistDir, counts, jobIdFile)).toBe('SIGKILL');
  const jobId = (await readFile(jobIdFile, 'utf8')).trim();
  const before = (await readFile(counts, 'utf8')).trim().split('\n').map(Number);
  expect(before).toEqual([...Array.from({ length: KILL_AT }, (_, i) => i), KILL_AT]);

  // act 2: a new process on the same state; the invoker resumes the RUNNING execution
  const restartedAt = Date.now();
  const { app, generator } = await startFaultyApp({
    backend: 'durable',
    env: ENV,
    persistDir,
  });
  try {
    const job = await waitForJob(app, jobId);
    expect(job).toMatchObject({ status: 'completed', backend: 'durable' });
    // replay: chunks 0..k-1 come from checkpoints, never generated again
    for (let i = 0; i < KILL_AT; i++) expect(generator.callsFor(i)).toBe(0);
    for (let i = KILL_AT; i < job.progress.chunksTotal; i++) expect(generator.callsFor(i)).toBe(1);
    expect(job.progress.chunksTotal).toBeGreaterThan(KILL_AT + 1);
    // the execution record shows the second invocation that finished it
    await app.stack?.durable.idle();
    const [record] = app.stack?.durable.store.list() ?? [];
    expect(record).toMatchObject({ status: 'SUCCEEDED' });
    expect(record?.invocations).toBeGreaterThanOrEqual(2);
    // …and that the chunk steps finished before the crash were not run again: their
    // checkpoints are the first process's, one attempt each
    const chunkSteps = Object.values(record?.operations ?? {}).filter(
      (op) => op.Type === 'STEP' && op.Name === 'analyze-chunk',
    );
    const finishedBefore = chunkSteps.filter(
      (op) => Date.parse(String(op.EndTimestamp)) < restartedAt,
    );
    expect(finishedBefore).toHaveLength(KILL_AT);
    expect(finishedBefore.every((op) => op.StepDetails?.Attempt === 1)).toBe(true);
    expect(chunkSteps).toHaveLength(job.progress.chunksTotal);
    expect(content(await storyboardOf(app, jobId))).toEqual(content(reference));
  } finally {
    await app.close();
  }
}, 240_000);
