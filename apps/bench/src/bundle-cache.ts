import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundleLambdas } from '@storyboard/lambda-bundles';
import type { BundleResult } from '@storyboard/lambda-bundles';

interface Manifest {
  /** sha256 of every input file of every bundle, by workspace-relative path. */
  inputs: Record<string, string>;
  bundles: BundleResult[];
}

async function hashOf(root: string, file: string): Promise<string | undefined> {
  try {
    return createHash('sha256')
      .update(await readFile(resolve(root, file)))
      .digest('hex');
  } catch {
    return undefined; // a deleted input: the cache is stale
  }
}

async function readManifest(path: string): Promise<Manifest | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Manifest;
  } catch {
    return undefined; // none yet, or unreadable: bundle again
  }
}

/**
 * The Lambda bundles the bench runs, rebuilt only when a source changed: the manifest keeps
 * the sha256 of every file esbuild read for them (workspace sources and node_modules alike),
 * and a run whose files all hash the same reuses the bundles on disk. Resolves the bundles and
 * whether they came from the cache.
 */
export async function cachedBundles(
  root: string,
  outdir: string,
  names: readonly string[],
): Promise<{ bundles: BundleResult[]; cached: boolean }> {
  const manifestPath = join(outdir, 'manifest.json');
  const manifest = await readManifest(manifestPath);
  if (manifest && names.every((n) => manifest.bundles.some((b) => b.name === n))) {
    const wanted = manifest.bundles.filter((b) => names.includes(b.name));
    const files = [...new Set(wanted.flatMap((b) => b.inputs))];
    const same = await Promise.all(
      files.map(async (f) => (await hashOf(root, f)) === manifest.inputs[f]),
    );
    const present = await Promise.all(wanted.map((b) => stat(b.file).then(Boolean, () => false)));
    if (same.every(Boolean) && present.every(Boolean)) return { bundles: wanted, cached: true };
  }
  const bundles = await bundleLambdas(root, outdir, names);
  const inputs: Record<string, string> = {};
  for (const file of new Set(bundles.flatMap((b) => b.inputs))) {
    const hash = await hashOf(root, file);
    if (hash) inputs[file] = hash;
  }
  await writeFile(manifestPath, JSON.stringify({ inputs, bundles } satisfies Manifest));
  return { bundles, cached: false };
}
