import type { Span } from '@storyboard/domain';
import type { Quote } from './quotes';
import type { DialogueParagraph, PronounFits } from './turns';

/** Narration that brings someone on (`a tall young man entered the room`, `He came running out
 * to meet us`, `we were joined by a rather stout man`, `Our visitor sprang up`). */
export const NEWCOMER =
  /\b(?:enter(?:s|ed)|came|joined|arrived|appeared|opened|admitted|announced|ushered|visitor|stranger|client|(?:a|an)\s+(?:[a-z-]+\s+){0,3}(?:man|woman|gentleman|lady|fellow|boy|girl|lad|person|servant|page|maid))\b/i;

/**
 * `“You arouse my curiosity,” said I.` ⏎ `“Because it was the first…”` (X) ⏎ `Then he lit his
 * pipe.` ⏎ `“You never heard me talk of Victor Trevor?” he asked.`: in a talk between the
 * first-person narrator and X, a `he`/`she` cue the narrator cannot be is X's, even when X spoke
 * last — when the narration between names nobody and brings nobody on, the line calls nobody X,
 * and X fits the pronoun. Runs after turn-taking (which names X); fills `speakers`.
 */
export function narratorTalk(
  text: string,
  paragraphs: readonly Span[],
  quotes: readonly Quote[],
  turns: readonly DialogueParagraph[],
  speakers: (string | null)[],
  breaks: (from: number, to: number) => boolean,
  fits: PronounFits,
): void {
  for (let k = 2; k < turns.length; k++) {
    const t = turns[k] as DialogueParagraph;
    const last = turns[k - 1] as DialogueParagraph;
    const before = turns[k - 2] as DialogueParagraph;
    const x = last.speaker;
    if (t.speaker !== null || !t.pronoun || t.pronoun === 'I' || !x || !before.speaker) continue;
    if (!fits(before.speaker, 'I') || fits(x, 'I') || !fits(x, t.pronoun)) continue;
    if (t.paragraph - last.paragraph < 2 || t.paragraph - last.paragraph > 3) continue;
    if (last.paragraph - before.paragraph > 3 || t.named.length > 0 || t.addressed.includes(x))
      continue;
    if (breaks(before.paragraph + 1, last.paragraph) || breaks(last.paragraph + 1, t.paragraph))
      continue;
    const from = (paragraphs[last.paragraph] as Span).end;
    if (NEWCOMER.test(text.slice(from, (quotes[t.quotes[0] as number] as Quote).span.start)))
      continue;
    t.speaker = x;
    for (const qi of t.quotes) speakers[qi] = x;
  }
}
