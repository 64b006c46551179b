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
 * and only the bundles with a changed (or missing) file are built again. Resolves the bundles
 * and whether all of them came from the cache.
 */
export async function cachedBundles(
  root: string,
  outdir: string,
  names: readonly string[],
): Promise<{ bundles: BundleResult[]; cached: boolean }> {
  const manifestPath = join(outdir, 'manifest.json');
  const manifest = (await readManifest(manifestPath)) ?? { inputs: {}, bundles: [] };
  const fresh: BundleResult[] = [];
  for (const b of manifest.bundles.filter((m) => names.includes(m.name))) {
    const same = await Promise.all(
      b.inputs.map(async (f) => (await hashOf(root, f)) === manifest.inputs[f]),
    );
    const present = await stat(b.file).then(Boolean, () => false);
    if (present && same.every(Boolean)) fresh.push(b);
  }
  const stale = names.filter((n) => !fresh.some((b) => b.name === n));
  if (stale.length === 0) return { bundles: fresh, cached: true };
  const built = await bundleLambdas(root, outdir, stale);
  for (const file of new Set(built.flatMap((b) => b.inputs))) {
    const hash = await hashOf(root, file);
    if (hash) manifest.inputs[file] = hash;
  }
  const bundles = [...manifest.bundles.filter((b) => !stale.includes(b.name)), ...built];
  await writeFile(manifestPath, JSON.stringify({ inputs: manifest.inputs, bundles }));
  return { bundles: bundles.filter((b) => names.includes(b.name)), cached: false };
}
