import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sampleBytes } from '@storyboard/local-stack/testing';
import { runTargetBench } from './target-bench';

const ROOT = join(import.meta.dirname, '../../..');
let server: ChildProcess | undefined;
let url = '';

/** `npm start` with two backends enabled, on a loopback port, as its own process. */
beforeAll(async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      EXECUTION_BACKEND: 'sqs',
      ENABLED_BACKENDS: 'sqs,sync',
      SYNC_MAX_CHARS: '100000',
      LOG_LEVEL: 'WARN',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server = child;
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  child.stdout?.resume();
}, 120_000);

afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server?.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
});

it('--target: runs each backend picked per request on one running stack; a backend it has not enabled fails with its 400', async () => {
  const results = await runTargetBench({
    url,
    user: 'bench-target',
    backends: ['sync', 'sqs', 'durable'],
    bytes: await sampleBytes(),
    title: 'The Lighthouse Keeper',
    jobs: 3,
    concurrency: 2,
    timeoutMs: 90_000,
    machine: {},
    command: 'test',
  });
  expect(new URL(url).hostname).toBe('127.0.0.1');
  for (const backend of ['sync', 'sqs'] as const) {
    expect(results[backend]).toMatchObject({
      completed: 3,
      failed: 0,
      unfinished: 0,
      wrongBackend: 0,
    });
    expect(results[backend]?.completionMs.p50).toBeGreaterThan(0);
  }
  expect(results.durable).toMatchObject({ completed: 0, failed: 3 });
  expect(results.durable?.firstError).toMatch(/^400: .*backend_not_enabled.*use one of: sqs, sync/);
}, 180_000);
