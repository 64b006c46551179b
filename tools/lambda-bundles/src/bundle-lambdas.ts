import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** Every Lambda handler of the product: the function name and its entry file. */
export const LAMBDA_ENTRIES: Readonly<Record<string, string>> = {
  api: 'apps/api/src/lambda.ts',
  worker: 'apps/worker/src/handlers/sqs-worker.handler.ts',
  dlq: 'apps/worker/src/handlers/dlq.handler.ts',
  sweeper: 'apps/worker/src/handlers/sweeper.handler.ts',
  'sfn-prepare': 'apps/sfn-tasks/src/handlers/prepare.handler.ts',
  'sfn-analyze-chunk': 'apps/sfn-tasks/src/handlers/analyze-chunk.handler.ts',
  'sfn-assemble': 'apps/sfn-tasks/src/handlers/assemble.handler.ts',
  'sfn-complete': 'apps/sfn-tasks/src/handlers/complete.handler.ts',
  'sfn-fail': 'apps/sfn-tasks/src/handlers/fail.handler.ts',
  durable: 'apps/durable/src/handlers/durable-job.handler.ts',
};

export interface BundleResult {
  name: string;
  file: string;
  bytes: number;
  /** Every source file esbuild read for it (relative to the workspace root). */
  inputs: string[];
}

/**
 * Bundles each handler the way Lambda runs it (TOOLCHAIN.md "Lambda bundles"): one CommonJS
 * file for nodejs22.x, the AWS SDK left to the runtime, minified (class names kept) with a
 * source map. Output
 * `<outdir>/<name>/index.cjs`, handler `index.handler`. `only`: just these functions.
 */
export async function bundleLambdas(
  workspaceRoot: string,
  outdir: string,
  only?: readonly string[],
): Promise<BundleResult[]> {
  const results: BundleResult[] = [];
  for (const [name, entry] of Object.entries(LAMBDA_ENTRIES)) {
    if (only && !only.includes(name)) continue;
    const dir = join(outdir, name);
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'index.cjs');
    const out = await build({
      entryPoints: [resolve(workspaceRoot, entry)],
      outfile: file,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external: ['@aws-sdk/*'],
      minify: true,
      // Step Functions Retry/Catch and the worker match errors by class name
      // (`error.name = new.target.name`): minified names would never match on AWS.
      keepNames: true,
      sourcemap: true,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: workspaceRoot,
      tsconfig: resolve(workspaceRoot, 'tsconfig.base.json'),
    });
    const bytes =
      out.metafile.outputs[Object.keys(out.metafile.outputs).find((k) => k.endsWith('.cjs')) ?? '']
        ?.bytes ?? 0;
    results.push({ name, file, bytes, inputs: Object.keys(out.metafile.inputs) });
  }
  return results;
}
