import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root: the nearest folder above this file holding nx.json. */
function workspaceRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'nx.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('nx.json not found above the analysis tests');
    dir = up;
  }
  return dir;
}

/** `<workspace root>/../shared/corpus`, where the public-domain test novels live (never committed). */
export const CORPUS_DIR = resolve(workspaceRoot(), '..', 'shared', 'corpus');
export const CORPUS_PRESENT = existsSync(join(CORPUS_DIR, 'README.md'));
export const CORPUS_SKIP_MESSAGE = `corpus not found at ${CORPUS_DIR}: corpus tests skipped`;

export function readCorpus(file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(CORPUS_DIR, file)));
}
