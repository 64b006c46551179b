import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectDataDir, sampleBytes, spawnTsx } from '@storyboard/local-stack/testing';

// Small chunks so the run has many, and a kill lands between them.
const ENV = { CHUNK_MAX_CHARS: '1000', LEASE_MS: '2000', SWEEP_INTERVAL_MS: '500' };
let dir: string;
let novel: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storyboard-crash-'));
  const text = new TextDecoder().decode(await sampleBytes());
  novel = join(dir, 'long.txt');
  await writeFile(novel, Array.from({ length: 6 }, () => text).join('\n\n'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The CLI child is the program itself (spawnTsx runs `node --import tsx`), so SIGKILL stops
// the process holding the data folder, as a crash would; the folder is then opened again.
describe('a CLI run killed with SIGKILL mid-job', () => {
  it('is resumed by the next run on the same --persist folder, without generating a saved chunk again', async () => {
    const data = join(dir, 'data');
    const args = ['analyze', novel, '--persist', data, '--backend', 'sqs'];
    const first = spawnTsx('apps/cli/src/main.ts', args, ENV);
    await first.waitForLine(/progress \d+% analyze-chunk ([3-9]|\d\d+)\/\d+ chunks/);
    first.process.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const [killed] = await inspectDataDir(data, 'tag');
    if (!killed) throw new Error('the killed run left no job');
    expect(killed.job.status).toBe('running');
    const jobId = killed.job.id;
    const tagged = killed.chunks.tagged;
    expect(tagged).toBeGreaterThanOrEqual(3);

    const second = spawnTsx('apps/cli/src/main.ts', args, ENV);
    const { code } = await second.exited;
    const output = second.output();
    expect(code, output).toBe(0);
    expect(output).toMatch(/did not stop cleanly/);
    expect(output).toMatch(/Earlier jobs left unfinished: 1\. Resuming 1/);
    expect(output).toContain(`Earlier job ${jobId}: completed`);

    const after = (await inspectDataDir(data, 'report')).find((j) => j.job.id === jobId);
    expect(after?.job.status).toBe('completed');
    expect(after?.chunks.saved).toBe(after?.job.progress.chunksTotal);
    // Every chunk saved before the kill is the very item written then: none generated twice.
    expect(after?.chunks.tagged).toBe(tagged);
    expect(await readFile(join(data, 'in-use.json'), 'utf8').catch(() => 'released')).toBe(
      'released',
    );
  }, 240_000);
});
