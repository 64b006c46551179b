import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoryboardSchema } from '@storyboard/domain';
import { startFakeQwen } from '@storyboard/fake-qwen';
import { runCli } from './main';

const SAMPLE = join(import.meta.dirname, '../../../samples/en-the-lighthouse-keeper.txt');

function io(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    argv,
    env,
    stdout: { isTTY: false, write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

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
