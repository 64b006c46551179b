import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { captureIo as io } from '../testing/capture-io';

const ROOT = join(import.meta.dirname, '../../../..');

/** `storyboard watch` against a real API: `npm start`'s server in a child process. */
describe('storyboard watch', () => {
  let server: ChildProcess;
  let url: string;

  beforeAll(async () => {
    server = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'apps/api/src/server.ts')], {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'SILENT', CHUNK_MAX_CHARS: '1000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let text = '';
      server.stdout!.on('data', (d: Buffer) => {
        text += d.toString();
        const m = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(text);
        if (m) resolve(m[1]!);
      });
      server.once('exit', (code) => reject(new Error(`server exited ${code}: ${text}`)));
    });
  }, 120_000);
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  async function startJob(user: string): Promise<string> {
    const body = await readFile(join(ROOT, 'samples/en-the-lighthouse-keeper.txt'));
    const novel = (await (
      await fetch(`${url}/novels?title=Watch`, {
        method: 'POST',
        headers: { 'x-user-id': user, 'content-type': 'text/plain' },
        body,
      })
    ).json()) as { id: string };
    const res = await fetch(`${url}/novels/${novel.id}/analyses`, {
      method: 'POST',
      headers: { 'x-user-id': user },
    });
    return ((await res.json()) as { jobId: string }).jobId;
  }

  it('follows a job over the event stream to completed (exit 0)', async () => {
    const jobId = await startJob('watcher');
    const run = io(['watch', jobId, '--api', url, '--user', 'watcher']);
    expect(await runCli(run)).toBe(0);
    expect(run.out()).toMatch(/^progress 100% complete/m);
    expect(run.out()).toContain(`job ${jobId} completed`);
    expect(run.err()).not.toContain('polling instead');
  });

  it('says what is wrong for another user’s job, and without a user (exit 2)', async () => {
    const jobId = await startJob('owner');
    const other = io(['watch', jobId, '--api', url, '--user', 'someone-else']);
    expect(await runCli(other)).toBe(2);
    expect(other.err()).toMatch(/HTTP 404: .*job/i);
    const anonymous = io(['watch', jobId, '--api', url]);
    expect(await runCli(anonymous)).toBe(2);
    expect(anonymous.err()).toMatch(/--user <id>/);
  });
});
