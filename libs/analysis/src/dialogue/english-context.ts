import type { Span } from '@storyboard/domain';
import type { Mention, MentionIndex } from '../characters/mentions';
import type { Cue } from './cue';
import type { Quote } from './quotes';
import { findNarrator, inferGenders, vocatives, type Gender } from './reference';
import { retoldQuote } from './told-story';
import type { DialogueParagraph, PronounFits } from './turns';

export interface EnglishContext {
  resolve(
    pronoun: 'he' | 'she' | 'I',
    pi: number,
    at: number,
    turns: readonly DialogueParagraph[],
    /** Only someone named in paragraph `pi` before `at` (a cue written just before the quote). */
    localOnly?: boolean,
    /** Cast members the quote calls by name: never the one speaking it. */
    called?: readonly string[],
  ): Cue;
  /** Whether a pronoun cue may mean this cast member (gender, narrator). */
  fits: PronounFits;
}

/** Genders and the narrator of one section, and pronoun resolution from them. */
export function englishContext(
  text: string,
  paragraphs: readonly Span[],
  quotes: readonly Quote[],
  index: MentionIndex,
): EnglishContext {
  const narration: Mention[] = [];
  const addressed = new Map<string, number>();
  const narrated = new Map<string, number>();
  let q = 0;
  let narrationChars = 0;
  let narrationI = 0;
  for (const m of index.all) {
    while (q < quotes.length && (quotes[q] as Quote).span.end <= m.start) q++;
    const quote = quotes[q];
    if (quote && m.start >= quote.span.start && m.end <= quote.span.end) {
      // `“'No, no, Jack, for God's sake!' she gasped`: someone in a retold story is called.
      if (retoldQuote(text, quote)) continue;
      for (const id of vocatives(text, quote, [m])) addressed.set(id, (addressed.get(id) ?? 0) + 1);
    } else {
      narration.push(m);
      narrated.set(m.castId, (narrated.get(m.castId) ?? 0) + 1);
    }
  }
  let at = paragraphs[0]?.start ?? 0;
  for (const quote of quotes) {
    const gap = text.slice(at, quote.span.start);
    narrationChars += gap.length;
    narrationI += (gap.match(/\b(?:I|me|my)\b/g) ?? []).length;
    at = Math.max(at, quote.span.end);
  }
  const genders = inferGenders(text, narration);
  const narrator = findNarrator(narrationChars, narrationI, addressed, narrated);
  return {
    resolve(pronoun, pi, at, turns, localOnly = false, called = []) {
      if (pronoun === 'I') return narrator ?? null;
      const within = localOnly ? [] : turns;
      return byPronoun(
        pronoun,
        genders,
        narrator,
        narration,
        paragraphs,
        pi,
        at,
        within,
        localOnly,
        called,
      );
    },
    fits(id, pronoun) {
      if (pronoun === 'I') return id === narrator;
      return id !== narrator && fitsGender(genders.get(id), pronoun);
    },
  };
}

/** Whether a pronoun may mean someone of this gender. Someone whose gender the text does not
 * show may be a `he` (a title-less man, rarely named with a pronoun), never a `she`: a woman's
 * title or `she`/`her` nearly always shows, and the unknown one is as often an `it` (`the Ghost`). */
function fitsGender(known: Gender | undefined, pronoun: Gender): boolean {
  return pronoun === 'he' ? known !== 'she' : known === 'she';
}

/** `he said`: the one character of that gender named in the paragraph before the quote; else
 * the one named or speaking in the three paragraphs before; in a two-person exchange, the one
 * who did not speak last. Null when two or more fit. */
function byPronoun(
  gender: Gender,
  genders: ReadonlyMap<string, Gender>,
  narrator: string | undefined,
  narration: readonly Mention[],
  paragraphs: readonly Span[],
  pi: number,
  at: number,
  turns: readonly DialogueParagraph[],
  localOnly = false,
  called: readonly string[] = [],
): Cue {
  // Candidates: anyone whose gender the text does not rule out (two of them: null); the one
  // found must then fit (`she said` is never the Ghost, nor a man-or-Ghost pair's one woman).
  const fits = (id: string) =>
    genders.get(id) !== (gender === 'he' ? 'she' : 'he') && id !== narrator && !called.includes(id);
  const sure = (id: string) => (fitsGender(genders.get(id), gender) ? id : null);
  const p = paragraphs[pi] as Span;
  const local = new Set(
    narration
      .filter((m) => m.start >= p.start && m.end <= at && fits(m.castId))
      .map((m) => m.castId),
  );
  if (local.size === 1) return sure([...local][0] as string);
  if (local.size > 1 || localOnly) return null;
  const from = (paragraphs[Math.max(0, pi - 3)] as Span).start;
  const recent = new Set(
    narration
      .filter((m) => m.start >= from && m.end <= p.start && fits(m.castId))
      .map((m) => m.castId),
  );
  const last = turns[turns.length - 1];
  const lastSpeaker = last && last.paragraph >= pi - 3 ? last.speaker : null;
  for (const t of turns)
    if (t.paragraph >= pi - 3 && t.speaker && fits(t.speaker)) recent.add(t.speaker);
  // The one in view who spoke just before may as well be the listener now: not enough.
  if (recent.size === 1) {
    const only = [...recent][0] as string;
    return only === lastSpeaker ? null : sure(only);
  }
  if (recent.size === 2 && lastSpeaker && recent.has(lastSpeaker) && last?.paragraph === pi - 1)
    return sure([...recent].find((id) => id !== lastSpeaker) as string);
  return null;
}
