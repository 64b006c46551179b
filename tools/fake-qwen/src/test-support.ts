import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HeuristicTextAnalyzer } from '@storyboard/analysis';
import type { GenerateInput } from '@storyboard/domain';
import { planChunks } from '@storyboard/domain';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CORPUS_DIR = resolve(ROOT, '..', 'shared', 'corpus');
export const CORPUS_PRESENT = existsSync(join(CORPUS_DIR, 'README.md'));
export const CORPUS_SKIP_MESSAGE = `corpus not found at ${CORPUS_DIR}: corpus tests skipped`;

export const readSample = (name: string) =>
  new Uint8Array(readFileSync(join(ROOT, 'samples', name)));
export const readCorpus = (name: string) => new Uint8Array(readFileSync(join(CORPUS_DIR, name)));

/** What `prepare` makes of a novel (ingest, chapters, cast, chunks), as generator inputs. */
export async function generatorInputs(bytes: Uint8Array, maxChunkChars: number) {
  const analyzer = new HeuristicTextAnalyzer();
  const ingested = await analyzer.ingest(bytes);
  const { chapters, cast } = await analyzer.outline(ingested.text, ingested.language);
  const chunks = planChunks(ingested.text, chapters, maxChunkChars);
  const inputs: GenerateInput[] = chunks.map((chunk) => ({
    chunk,
    text: ingested.text.slice(chunk.span.start, chunk.span.end),
    language: ingested.language,
    cast,
  }));
  return { text: ingested.text, language: ingested.language, cast, chapters, inputs };
}
