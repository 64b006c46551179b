import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoryboardSchema } from '@storyboard/domain';
import { startFakeQwen } from '@storyboard/fake-qwen';
import { teeProcessOutput } from '@storyboard/local-stack/testing';
import { runCli } from './main';
import { captureIo as io } from './testing/capture-io';

const SAMPLE = join(import.meta.dirname, '../../../samples/en-the-lighthouse-keeper.txt');

describe('storyboard analyze --generator qwen', () => {
  it('without a key exits 2 naming exactly what to set', async () => {
    const run = io(['analyze', SAMPLE, '--backend', 'sync', '--generator', 'qwen']);
    expect(await runCli(run)).toBe(2);
    expect(run.err()).toMatch(/set QWEN_API_KEY .*QWEN_SECRET_ARN.*LLM_BASE_URL.*--fake-llm/);
  });

  it('--llm-base-url that is not a URL exits 2', async () => {
    const run = io(['analyze', SAMPLE, '--generator', 'qwen', '--llm-base-url', 'nope']);
    expect(await runCli(run)).toBe(2);
    expect(run.err()).toMatch(/--llm-base-url "nope" is not a URL/);
  });

  it('--generator qwen --llm-base-url URL with QWEN_API_KEY runs against that endpoint', async () => {
    const fake = await startFakeQwen({ apiKey: 'sk-cli-test-key' });
    try {
      const out = join(await mkdtemp(join(tmpdir(), 'storyboard-qwen-')), 'sb.json');
      const run = io(
        [
          'analyze',
          SAMPLE,
          '--backend',
          'sync',
          '--generator',
          'qwen',
          '--llm-base-url',
          fake.url,
          '--out',
          out,
        ],
        { QWEN_API_KEY: 'sk-cli-test-key' },
      );
      expect(await runCli(run)).toBe(0);
      const storyboard = StoryboardSchema.parse(JSON.parse(await readFile(out, 'utf8')));
      expect(storyboard.stats.generator).toBe('qwen');
      expect(storyboard.stats.usage?.promptTokens).toBeGreaterThan(0);
      expect(fake.requests.length).toBeGreaterThan(0);
    } finally {
      await fake.close();
    }
  });

  it('a key the service refuses (and quotes back): exit 1 with GENERATOR.AUTH_FAILED, no trace of the key in any output', async () => {
    const key = 'sk-cli-hostile-9f8e7d6c5b4a';
    const fake = await startFakeQwen({ apiKey: 'sk-the-right-one', echoKeyInErrors: true });
    // Loggers write to the process's streams, not to the CLI's io: capture those too.
    const logs = teeProcessOutput();
    try {
      const run = io(
        ['analyze', SAMPLE, '--backend', 'sync', '--generator', 'qwen', '--llm-base-url', fake.url],
        { QWEN_API_KEY: key, LOG_LEVEL: 'DEBUG' },
      );
      expect(await runCli(run)).toBe(1);
      expect(run.err() + run.out()).toMatch(/GENERATOR\.AUTH_FAILED|refused the API key/);
      expect(fake.requests.every((r) => r.status === 401 && r.auth === 'wrong')).toBe(true);
      for (const text of [run.out(), run.err(), logs.text()]) {
        expect(text).not.toContain(key);
        expect(text).not.toContain(key.slice(-10));
      }
    } finally {
      logs.restore();
      await fake.close();
    }
  });

  it('--fake-llm runs the demo: qwen against an in-process fake-qwen, no key needed', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'storyboard-demo-')), 'sb.json');
    const run = io(['analyze', SAMPLE, '--backend', 'sync', '--fake-llm', '--out', out]);
    expect(await runCli(run)).toBe(0);
    expect(run.out()).toMatch(/generator qwen/);
    expect(run.out()).toMatch(/tokens +[\d,]+ prompt, [\d,]+ completion, about \$\d+\.\d{4}/);
    const storyboard = StoryboardSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(storyboard.stats.usage?.completionTokens).toBeGreaterThan(0);
  });
});
