/**
 * Hashes everything the heuristic engine makes of each corpus book and bundled sample — the
 * ingested text, the outline (chapters, cast) and every chunk's storyboard fragment — so a change
 * meant to be speed-only can be shown to leave the output byte-identical:
 * `node_modules/.bin/node --import tsx libs/analysis/scripts/engine-fingerprint.ts [file…]`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { planChunks, type ChapterOutline } from '@storyboard/domain';
import { HeuristicStoryboardGenerator, HeuristicTextAnalyzer } from '../src';

const root = resolve(import.meta.dirname, '..', '..', '..');
const corpus = resolve(root, '..', 'shared', 'corpus');
const samples = resolve(root, 'samples');

function inputs(): string[] {
  if (process.argv.length > 2) return process.argv.slice(2);
  const dirs = [corpus, samples].filter((d) => existsSync(d));
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => join(d, f)),
  );
}

const analyzer = new HeuristicTextAnalyzer();
const generator = new HeuristicStoryboardGenerator();
const all = createHash('sha256');
for (const file of inputs()) {
  const hash = createHash('sha256');
  const ingested = await analyzer.ingest(new Uint8Array(readFileSync(file)));
  hash.update(JSON.stringify(ingested));
  const outline = await analyzer.outline(ingested.text, ingested.language);
  hash.update(JSON.stringify(outline));
  // Two chunk sizes: the benchmark's, and a small one that cuts chapters apart.
  for (const size of [60_000, 8_000]) {
    for (const chunk of planChunks(ingested.text, outline.chapters as ChapterOutline[], size)) {
      const fragment = await generator.generate({
        chunk,
        text: ingested.text.slice(chunk.span.start, chunk.span.end),
        language: ingested.language,
        cast: outline.cast,
      });
      hash.update(JSON.stringify(fragment));
    }
  }
  const digest = hash.digest('hex');
  all.update(digest);
  console.log(`${digest.slice(0, 16)}  ${basename(file)}`);
}
console.log(`${all.digest('hex').slice(0, 16)}  all`);
