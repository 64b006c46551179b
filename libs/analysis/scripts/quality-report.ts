/**
 * Quality report of the heuristic engine on the corpus and the samples (not a test):
 * `npx tsx libs/analysis/scripts/quality-report.ts [--json]`. Per book: chapters, main-character
 * recall in the top 15 (any alias counts), split and merged entries, junk in the top 15,
 * unknown-speaker share and panels per 10,000 characters.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCast } from '../src/characters/cast';
import { CORPUS_DIR } from '../src/test-support/corpus';
import { runPipeline } from '../src/test-support/run-pipeline';
import {
  MAIN_CHARACTERS,
  NOT_CHARACTERS,
  matchesPerson,
  normName,
} from '../src/test-support/main-characters';

const SAMPLES = resolve(CORPUS_DIR, '..', '..', 'wt-16', 'samples');

async function report(path: string, file: string) {
  const r = await runPipeline(new Uint8Array(readFileSync(path)));
  const { text, language } = r.ingested;
  const top = buildCast(text, language).slice(0, 15);
  const main = MAIN_CHARACTERS[file] ?? [];
  const entryNames = top.map((c) => [c.name, ...c.aliases]);
  const found = main.filter((p) => entryNames.some((names) => matchesPerson(names, p)));
  const split = main.filter(
    (p) => entryNames.filter((names) => matchesPerson(names, p)).length > 1,
  );
  const merged = entryNames.filter(
    (names) => main.filter((p) => matchesPerson(names, p)).length > 1,
  );
  const junk = top.filter((c) =>
    [c.name, ...c.aliases].some((n) => NOT_CHARACTERS.has(normName(n))),
  );
  let lines = 0;
  let unknown = 0;
  let panels = 0;
  for (const f of r.fragments)
    for (const s of f.sections)
      for (const sc of s.scenes)
        for (const p of sc.panels) {
          panels++;
          for (const d of p.dialogue) {
            lines++;
            if (d.speaker === null) unknown++;
          }
        }
  return {
    file,
    chars: text.length,
    chapters: r.chapters.length,
    firstTitles: r.chapters.slice(0, 3).map((c) => c.title),
    lastTitle: r.chapters[r.chapters.length - 1]?.title,
    recall: main.length ? +(found.length / main.length).toFixed(2) : null,
    missing: main.filter((p) => !found.includes(p)).map((p) => p[0]),
    split: split.map((p) => p[0]),
    merged: merged.map((n) => n[0]),
    junk: junk.map((c) => c.name),
    top15: top.map(
      (c) =>
        `${c.name}${c.aliases.length ? ` (${c.aliases.slice(0, 3).join('/')})` : ''} ${c.mentions}`,
    ),
    dialogueLines: lines,
    unknownShare: lines ? +(unknown / lines).toFixed(3) : null,
    panelsPer10k: +((panels * 10_000) / text.length).toFixed(1),
  };
}

const files = existsSync(CORPUS_DIR)
  ? (await import('node:fs'))
      .readdirSync(CORPUS_DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort()
  : [];
const inputs = [
  ...files.map((f) => [join(CORPUS_DIR, f), f] as const),
  ...['en-the-lighthouse-keeper.txt', 'zh-the-paper-crane.txt'].map(
    (f) => [join(process.cwd(), 'samples', f), `samples/${f}`] as const,
  ),
];
void SAMPLES;
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
for (const [path, file] of inputs) {
  if (only.length && !only.some((o) => file.includes(o))) continue;
  const r = await report(path, file);
  if (process.argv.includes('--json')) console.log(JSON.stringify(r));
  else {
    console.log(`\n## ${file}  (${r.chars} chars)`);
    console.log(`chapters ${r.chapters}: ${r.firstTitles.join(' | ')} … ${r.lastTitle}`);
    console.log(
      `recall ${r.recall} missing [${r.missing.join(', ')}] split [${r.split.join(', ')}] merged [${r.merged.join(', ')}] junk [${r.junk.join(', ')}]`,
    );
    console.log(`top15: ${r.top15.join('; ')}`);
    console.log(
      `dialogue ${r.dialogueLines}, unknown ${r.unknownShare}, panels/10k ${r.panelsPer10k}`,
    );
  }
}
