import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Hand-labelled speakers of dialogue lines in the corpus (../shared/corpus, never committed) and
 * the two samples (samples/). Labelled by reading the text, before any tuning of the speaker
 * attribution. Each row: the file, the offset of the quote's opening mark in the ingested text
 * (a hint: the line is looked up from there), the first characters of the quoted words (to find
 * it), and the speaker — names separated by `|` (any of them may be the cast entry's name or
 * an alias), or `null` when the text does not name who speaks (or the quote is not speech).
 * A speaker the text describes rather than names (`said the spy`, `returned the mender of roads`,
 * `cried the woman`) is labelled with that description as written, without describing words
 * (`the gentleman` for `the portly gentleman`), and, when the book ties the description to a
 * named person (`the spy` is Barsad, `Scrooge's nephew` is Fred, `the uncle` of Darnay is the
 * Marquis, young Scrooge is `the boy`), with that person's names too: either answer is right,
 * a different person is wrong.
 * The rows are data, kept in `labelled-speakers.json` beside this file.
 */
export type LabelledLine = readonly [
  file: string,
  offset: number,
  opening: string,
  speaker: string | null,
];

const isRow = (row: unknown): row is LabelledLine =>
  Array.isArray(row) &&
  row.length === 4 &&
  typeof row[0] === 'string' &&
  Number.isInteger(row[1]) &&
  typeof row[2] === 'string' &&
  (row[3] === null || typeof row[3] === 'string');

function load(): readonly LabelledLine[] {
  const file = join(import.meta.dirname, 'labelled-speakers.json');
  const rows: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(rows)) throw new Error(`${file}: expected an array of rows`);
  const bad = rows.findIndex((row) => !isRow(row));
  if (bad >= 0) {
    throw new Error(`${file}: row ${bad} is not [file, offset, opening, speaker | null]`);
  }
  return rows as LabelledLine[];
}

export const LABELLED_SPEAKERS: readonly LabelledLine[] = load();
