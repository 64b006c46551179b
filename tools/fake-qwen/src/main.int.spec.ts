import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const run = (...args: string[]) =>
  execFileSync(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['tools/fake-qwen/src/main.ts', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );

describe('npm run fake-qwen', () => {
  it('prints every option with --help', () => {
    const help = run('--help');
    for (const flag of [
      '--port',
      '--latency-ms',
      '--rate-429',
      '--rpm',
      '--force',
      '--log',
      '--api-key',
    ])
      expect(help).toContain(flag);
  });

  it('refuses a bad option, naming it', () => {
    let stderr = '';
    try {
      run('--rate-500', '3');
    } catch (err) {
      stderr = String((err as { stderr?: string }).stderr);
    }
    expect(stderr).toContain('rate500');
  });
});
