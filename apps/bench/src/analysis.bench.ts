/**
 * Benchmark of the heuristic analysis pipeline (not a test): `npm run bench:analysis`.
 * Each input runs in its own child process so its peak RSS is its own. Prints MB/s and peak RSS
 * per corpus file (../shared/corpus, else the bundled samples/; the median of three cold runs),
 * then a ~20 MB synthetic book against a 2 MB slice of it and the ratio of their per-MB costs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HeuristicTextAnalyzer } from '@storyboard/analysis';
import { measurePipeline, type Measurement } from './measure';

const here = fileURLToPath(import.meta.url);

function workspaceRoot(): string {
  let dir = dirname(here);
  while (!existsSync(join(dir, 'nx.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('nx.json not found');
    dir = up;
  }
  return dir;
}

async function child(label: string, file: string): Promise<void> {
  const m = await measurePipeline(label, new Uint8Array(readFileSync(file)));
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

function runChild(label: string, file: string): Measurement {
  const out = execFileSync(process.execPath, [...process.execArgv, here, '--child', label, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as Measurement;
}

/** Cleaned corpus texts joined again and again until the book passes `target` bytes. */
async function syntheticBook(
  corpus: string,
  files: readonly string[],
  target: number,
): Promise<Uint8Array> {
  const analyzer = new HeuristicTextAnalyzer();
  const texts: string[] = [];
  for (const f of files)
    texts.push((await analyzer.ingest(new Uint8Array(readFileSync(join(corpus, f))))).text);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < target; i++) {
    const t = texts[i % texts.length] ?? '';
    parts.push(t);
    size += Buffer.byteLength(t) + 2;
  }
  return new TextEncoder().encode(parts.join('\n\n'));
}

/** The first `bytes` of a UTF-8 book, cut at a paragraph break. */
function slice(book: Uint8Array, bytes: number): Uint8Array {
  const text = new TextDecoder().decode(book.subarray(0, bytes));
  const cut = text.lastIndexOf('\n\n');
  return new TextEncoder().encode(cut > 0 ? text.slice(0, cut) : text);
}

/** Cold runs per corpus book; the median is printed, the others beside it, as one cold process's
 * timing swings with whatever else the machine is doing. */
const COLD_RUNS = 3;

function print(m: Measurement, note = ''): void {
  const mb = (m.bytes / 1e6).toFixed(2).padStart(6);
  console.log(
    `${m.label.padEnd(44)} ${mb} MB  ${String(m.ms).padStart(6)} ms  ${m.mbPerSecond.toFixed(2).padStart(6)} MB/s  peak RSS ${String(m.peakRssMb).padStart(4)} MB  ` +
      `(ingest ${m.phases.ingestMs}, outline ${m.phases.outlineMs}, generate ${m.phases.generateMs} ms)  ` +
      `chapters ${m.chapters}, chunks ${m.chunks}, panels ${m.panels}, dialogue ${m.dialogueLines}, cast ${m.cast}${note}`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1] ?? 'input', args[2] ?? '');
  const shared = resolve(workspaceRoot(), '..', 'shared', 'corpus');
  // Without the shared corpus (a fresh clone) the bundled samples stand in: the figures are
  // smaller books, but the synthetic 20 MB / 2 MB ratio below is measured all the same.
  const corpus = existsSync(shared) ? shared : resolve(workspaceRoot(), 'samples');
  if (corpus !== shared) {
    console.log(
      `corpus not found at ${shared}: benchmarking the bundled samples in ${corpus} and synthetic text made from them instead`,
    );
  }
  console.log(`node ${process.version}, one child process per input\n`);
  const files = readdirSync(corpus)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  for (const f of files) {
    const runs = Array.from({ length: COLD_RUNS }, () => runChild(f, join(corpus, f)));
    const sorted = [...runs].sort((a, b) => a.ms - b.ms);
    const median = sorted[Math.floor(sorted.length / 2)] as Measurement;
    print(
      median,
      `  (median of ${COLD_RUNS} cold runs: ${sorted.map((r) => r.ms).join(' / ')} ms)`,
    );
  }

  const utf8 = files
    .filter((f) => !f.includes('gb18030'))
    .sort((a, b) => (a.startsWith('zh') ? -1 : b.startsWith('zh') ? 1 : a < b ? -1 : 1));
  const dir = mkdtempSync(join(tmpdir(), 'storyboard-bench-'));
  try {
    const book = await syntheticBook(corpus, utf8, 20_000_000);
    const big = join(dir, 'synthetic-20mb.txt');
    const small = join(dir, 'synthetic-2mb.txt');
    writeFileSync(big, book);
    writeFileSync(small, slice(book, 2_000_000));
    console.log('');
    const s = runChild('synthetic 2 MB (slice of the book below)', small);
    const b = runChild(
      `synthetic ~20 MB (${corpus === shared ? 'corpus' : 'sample'} texts repeated)`,
      big,
    );
    print(s);
    print(b);
    const ratio = b.ms / b.bytes / (s.ms / s.bytes);
    console.log(`\nper-MB cost ratio 20 MB / 2 MB: ${ratio.toFixed(2)} (target ≤ 1.5)`);
    // English only: the English name finder is the memory-hungry step (issue 16: ≤ 400 MB).
    const english = join(dir, 'synthetic-english-20mb.txt');
    writeFileSync(
      english,
      await syntheticBook(
        corpus,
        utf8.filter((f) => f.startsWith('en')),
        20_000_000,
      ),
    );
    const e = runChild('synthetic ~20 MB English only', english);
    print(e);
    console.log(`English-only 20 MB peak RSS: ${e.peakRssMb} MB (target ≤ 400)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
