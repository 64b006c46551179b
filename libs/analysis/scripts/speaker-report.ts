/**
 * Speaker accuracy and coverage on the hand-labelled lines (not a test):
 * `npx tsx libs/analysis/scripts/speaker-report.ts [filter] [--verbose]`. Prints per book the
 * accuracy (right among attributed), coverage (attributed among labelled) and, with
 * `--verbose`, every wrong and unattributed line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LABELLED_SPEAKERS } from '../src/dialogue/labelled-speakers';
import { CORPUS_DIR } from '../src/test-support/corpus';
import { runPipeline } from '../src/test-support/run-pipeline';
import { scoreSpeakers } from '../src/test-support/speaker-accuracy';

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const verbose = process.argv.includes('--verbose');
const files = [...new Set(LABELLED_SPEAKERS.map(([file]) => file))].filter(
  (f) => !only.length || only.some((o) => f.includes(o)),
);
const all = { lines: 0, attributed: 0, correct: 0 };
for (const file of files) {
  const path = file.startsWith('samples/') ? join(process.cwd(), file) : join(CORPUS_DIR, file);
  const result = await runPipeline(new Uint8Array(readFileSync(path)));
  const s = scoreSpeakers(
    result,
    LABELLED_SPEAKERS.filter(([f]) => f === file),
  );
  all.lines += s.lines;
  all.attributed += s.attributed;
  all.correct += s.correct;
  console.log(
    `${file}: accuracy ${(s.correct / Math.max(1, s.attributed)).toFixed(3)}, coverage ${(s.attributed / s.lines).toFixed(3)} of ${s.lines} (missing ${s.missing})`,
  );
  if (s.wrong.length) console.log(`  WRONG\n  ${s.wrong.join('\n  ')}`);
  if (verbose && s.unattributed.length) console.log(`  NULL\n  ${s.unattributed.join('\n  ')}`);
}
console.log(
  `all: accuracy ${(all.correct / Math.max(1, all.attributed)).toFixed(3)}, coverage ${(all.attributed / all.lines).toFixed(3)} of ${all.lines}`,
);
