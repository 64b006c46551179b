import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const RUNTIME_SOURCE = resolve(import.meta.dirname, 'function-runtime.ts');
let runtimeBuild: Promise<string> | undefined;

/** The environment runtime as one plain ES module (built once per process with esbuild), so
 * a cold start costs Node's boot and the function's own init, not a TypeScript loader. */
export function runtimeModule(): Promise<string> {
  runtimeBuild ??= (async () => {
    const outfile = join(await mkdtemp(join(tmpdir(), 'lambda-sim-')), 'function-runtime.mjs');
    await build({
      entryPoints: [RUNTIME_SOURCE],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      logLevel: 'silent',
    });
    return outfile;
  })();
  return runtimeBuild;
}
