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

/**
 * `…pray question me about it.”` (Munro's account) ⏎ `Holmes and I had listened … to this
 * extraordinary statement.` ⏎ `“Tell me,” said he at last, …` ⏎ `“Each time that I saw it…”`:
 * after narration that names nobody but the one who then asks, the uncued answers are the
 * teller's, and the exchange alternates between the two until a cue or narration (the asking
 * line must carry its own cue). `namedIn`:
 * the cast members narration paragraphs [from, to) name. Runs after the story's speakers are
 * known; fills `speakers`.
 */
export function afterAccount(
  quotes: readonly Quote[],
  turns: readonly DialogueParagraph[],
  speakers: (string | null)[],
  breaks: (from: number, to: number) => boolean,
  namedIn: (from: number, to: number) => string[],
  fits: PronounFits,
): void {
  for (let k = 2; k < turns.length; k++) {
    const before = turns[k - 2] as DialogueParagraph;
    const asks = turns[k - 1] as DialogueParagraph;
    const x = asks.speaker;
    const y = before.speaker;
    if (!x || !y || x === y || fits(y, 'I') || asks.paragraph - before.paragraph < 2) continue;
    // The one asking speaks a cued line of his own, not a speech run on across the narration.
    if (!asks.cued || (quotes[asks.quotes[0] as number] as Quote).continues) continue;
    const between = namedIn(before.paragraph + 1, asks.paragraph);
    if (between.length === 0 || between.some((id) => id !== x) || asks.named.some((id) => id !== x))
      continue;
    const pair = [y, x];
    for (let j = k; j < turns.length; j++) {
      const t = turns[j] as DialogueParagraph;
      const who = pair[(j - k) % 2] as string;
      const prev = turns[j - 1] as DialogueParagraph;
      if (t.speaker !== null || t.cued || t.namesSomeone || t.addressed.includes(who)) break;
      if (t.paragraph - prev.paragraph !== 1 || breaks(prev.paragraph + 1, t.paragraph)) break;
      t.speaker = who;
      for (const qi of t.quotes) speakers[qi] = who;
    }
  }
}
