import type { MentionIndex } from '../characters/mentions';
import type { Quote } from './quotes';

/**
 * A letter read out over several paragraphs and signed at its end (`“Your afflicted,` ⏎
 * `“Gabelle.”`): when no quote of the speech has a speaker and its last quote is nothing but a
 * cast member's name, the whole speech is theirs. Fills `speakers` in place.
 */
export function signedSpeeches(
  text: string,
  quotes: readonly Quote[],
  speakers: (string | null)[],
  index: MentionIndex,
): void {
  let start = 0;
  for (let i = 0; i <= quotes.length; i++) {
    if (i < quotes.length && (i === start || (quotes[i] as Quote).continues)) continue;
    const last = quotes[i - 1];
    if (last && i - start >= 2 && speakers.slice(start, i).every((s) => s === null)) {
      const signer = signature(text, last, index);
      if (signer) speakers.fill(signer, start, i);
    }
    start = i;
  }
}

function signature(text: string, q: Quote, index: MentionIndex): string | undefined {
  const words = text.slice(q.inner.start, q.inner.end);
  const lead = words.length - words.trimStart().length;
  const m = index.between(q.inner.start, q.inner.end)[0];
  if (!m || m.start !== q.inner.start + lead) return undefined;
  return /^[.,!]?\s*$/.test(text.slice(m.end, q.inner.end)) ? m.castId : undefined;
}
