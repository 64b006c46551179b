import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { LAMBDA_ENTRIES } from '@storyboard/lambda-bundles';
import type { Synth } from './testing/synth';
import { resolveIntrinsics, resourcesOf, synth } from './testing/synth';

// The stack deploys the output of `bundleLambdas` (tools/lambda-bundles), the function whose
// bundled API and worker the bundle test runs on the local stack. Here: every function of the
// template is one of those bundles, staged byte for byte, and it starts with the environment
// the template gives it.
const bundlesDir = inject('bundlesDir');
const require = createRequire(import.meta.url);
let s: Synth;

beforeAll(async () => {
  s = await synth(bundlesDir);
}, 120_000);
afterAll(() => s?.cleanup());

interface AssetManifest {
  files: Record<string, { source: { path: string; packaging: string } }>;
}

/** Each function's bundle name (from its construct) and its staged asset folder. */
async function deployedBundles() {
  const manifest = JSON.parse(
    await readFile(join(s.outdir, `${s.stack.artifactId}.assets.json`), 'utf8'),
  ) as AssetManifest;
  const named = [
    s.stack.api,
    s.stack.worker,
    s.stack.durable,
    s.stack.dlq,
    s.stack.sweeper,
    ...Object.values(s.stack.tasks),
  ];
  return resourcesOf(s.json, 'AWS::Lambda::Function').map(([id, fn]) => {
    const owner = named.find(
      (b) => s.stack.resolve(s.stack.getLogicalId(b.fn.node.defaultChild as never)) === id,
    );
    const key = String((fn.Properties?.Code as { S3Key: string }).S3Key);
    const hash = key.replace(/\.zip$/, '');
    const staged = manifest.files[hash]?.source;
    return { id, fn, bundle: owner?.bundle, staged };
  });
}

it('deploys every bundle of tools/lambda-bundles, once each', async () => {
  const bundles = await deployedBundles();
  expect(bundles.map((b) => b.bundle).sort()).toEqual(Object.keys(LAMBDA_ENTRIES).sort());
});

it('stages each function’s code byte for byte from the bundle bundleLambdas wrote', async () => {
  for (const { bundle, staged, fn } of await deployedBundles()) {
    expect(staged?.packaging).toBe('zip');
    const deployed = await readFile(join(s.outdir, String(staged?.path), 'index.cjs'));
    const built = await readFile(join(bundlesDir, String(bundle), 'index.cjs'));
    expect(deployed.equals(built)).toBe(true);
    expect(fn.Properties?.Handler).toBe('index.handler');
  }
});

it('each staged bundle loads and exports its handler under the environment the stack sets', async () => {
  const saved = { ...process.env };
  try {
    for (const { id, fn, staged } of await deployedBundles()) {
      const env = resolveIntrinsics(
        (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables,
        s.json,
      ) as Record<string, string>;
      // What Lambda adds: its own variables; config is read once, at module load.
      process.env = {
        ...env,
        AWS_LAMBDA_FUNCTION_NAME: id,
        AWS_REGION: 'us-east-1',
        LOG_LEVEL: 'SILENT',
        PATH: saved.PATH,
      };
      const mod = require(join(s.outdir, String(staged?.path), 'index.cjs')) as {
        handler?: unknown;
      };
      expect(typeof mod.handler, id).toBe('function');
    }
  } finally {
    process.env = saved;
  }
});
