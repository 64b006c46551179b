import type { Mention } from '../characters/mentions';
import type { Quote } from './quotes';
import { isJsSpace } from '../util/blank';

export type Gender = 'he' | 'she';

const FEMALE_TITLE =
  /\b(?:Mrs|Miss|Ms|Madame|Madam|Mademoiselle|Lady|Queen|Duchess|Mother|Aunt|Mistress|Sister|Princess)\.?\s*$/;
const MALE_TITLE =
  /\b(?:Mr|Sir|Monsieur|Lord|King|Duke|Captain|Colonel|Major|General|Professor|Doctor|Dr|Father|Uncle|Brother|Prince|Master)\.?\s*$/;
const FEMALE_FORM = /^(?:Mrs\.|Miss|Ms\.|Madame|Lady|Queen|Duchess|Mother|Aunt)\b/;
const MALE_FORM =
  /^(?:Mr\.|Sir|Monsieur|Lord|King|Duke|Captain|Colonel|Professor|Doctor|Dr\.|Father|Uncle)\b/;
const NEXT_PRONOUN = /\b(he|his|him|himself|she|her|hers|herself)\b/i;

/**
 * Each cast member's grammatical gender in English narration, from titles (`Mrs.`, `Monsieur`)
 * and from the pronoun that most often follows a mention in the same sentence. Members with too
 * little or mixed evidence are left out (a pronoun cue then never resolves to them).
 */
export function inferGenders(text: string, narration: readonly Mention[]): Map<string, Gender> {
  const votes = new Map<string, { he: number; she: number }>();
  for (const m of narration) {
    let v = votes.get(m.castId);
    if (!v) votes.set(m.castId, (v = { he: 0, she: 0 }));
    const form = text.slice(m.start, m.end);
    const before = text.slice(Math.max(0, m.start - 14), m.start);
    if (FEMALE_FORM.test(form) || FEMALE_TITLE.test(before)) v.she += 3;
    else if (MALE_FORM.test(form) || MALE_TITLE.test(before)) v.he += 3;
    // `Elsie’s chin trembled, but she nodded`: a possessive does not end the sentence.
    const after = text.slice(m.end, m.end + 60).replace(/^[’']s\b/, '');
    const stop = after.search(/[.!?;“”‘’"]/);
    const p = NEXT_PRONOUN.exec(stop >= 0 ? after.slice(0, stop) : after);
    if (p) {
      if (/^(?:he|his|him|himself)$/i.test(p[1] ?? '')) v.he++;
      else v.she++;
    }
  }
  const out = new Map<string, Gender>();
  for (const [id, v] of votes) {
    if (v.he >= 2 && v.he >= v.she * 3) out.set(id, 'he');
    // One `she` and no `he`: a woman (a `she` cue needs her gender shown; `he` is the default).
    else if ((v.she >= 2 && v.she >= v.he * 3) || (v.she === 1 && v.he === 0)) out.set(id, 'she');
  }
  return out;
}

/** Titles written before a given name in a call (`Monsieur Charles`, `Miss Lucie`). */
const TITLE_BEFORE = /\b(?:Monsieur|Mr\.|Mrs\.|Miss|Madame|Doctor)\s+$/;
/** What opens a call after a break in the speech (`…, Sydney`, `dear Lucie`, `! Charles`). */
const CALL_AFTER = /(?:,\s|\bdear(?:est)?\s|,\s(?:my|good|poor)\s|[!?]\s)(?:the\s)?$/i;

/** A cast member addressed by name inside a quote (`“My dear Watson,”`, `“悟空，你…”`). */
export function vocatives(text: string, quote: Quote, inside: readonly Mention[]): string[] {
  const out: string[] = [];
  for (const m of inside) {
    // `…, Sydney!` / `Sydney, …`; not `…, Miss Manette.` (an apposition as often as a call).
    const after = text.charCodeAt(m.end);
    if (!closesCall(after) && after !== 0x2e) continue;
    // `“…, Monsieur Charles, I see.”`: a title before a name the cast knows without it is part of
    // the call.
    const title = endsWithSpace(text, m.start)
      ? TITLE_BEFORE.exec(text.slice(Math.max(quote.inner.start, m.start - 12), m.start))
      : null;
    const start = m.start - (title?.[0].length ?? 0);
    const head = start - quote.inner.start <= 4;
    if (!closesCall(after) && !head) continue;
    // At the quote's head a titled name is as often the subject (`“Monsieur Charles, whom I
    // expect; is he arrived?”`): only a titled name after a break in the speech is a call.
    const opens =
      (!title && head) ||
      (endsWithSpace(text, start) &&
        CALL_AFTER.test(text.slice(Math.max(quote.inner.start, start - 12), start)));
    if (opens && !out.includes(m.castId)) out.push(m.castId);
  }
  return out;
}

/** `,!?，！？、`: a mark after a name that may close a call. */
function closesCall(c: number): boolean {
  return (
    c === 0x2c ||
    c === 0x21 ||
    c === 0x3f ||
    c === 0xff0c ||
    c === 0xff01 ||
    c === 0xff1f ||
    c === 0x3001
  );
}

/** Whether the character before `at` is white space: the title and call patterns end with one,
 * and most names (every Chinese one) follow none, so neither pattern is tried on them (their
 * slices and runs were a good part of the speaker pass on Chinese text, measured). */
function endsWithSpace(text: string, at: number): boolean {
  return isJsSpace(text.charCodeAt(at - 1));
}

/**
 * The first-person narrator of a stretch of English text, when the text shows one: the narration
 * says `I` often, and one cast member is addressed by name inside quotes at least twice while
 * almost never named in the narration (`“My dear Watson,” said he`).
 */
export function findNarrator(
  narrationChars: number,
  narrationI: number,
  addressed: ReadonlyMap<string, number>,
  narrated: ReadonlyMap<string, number>,
): string | undefined {
  if (narrationChars < 1000 || (narrationI * 1000) / narrationChars < 2.5) return undefined;
  let best: string | undefined;
  let bestScore = 0;
  let tie = false;
  for (const [id, n] of addressed) {
    const told = narrated.get(id) ?? 0;
    if (n < 2 || told > n * 0.5) continue;
    const score = n - 2 * told;
    if (score > bestScore) {
      best = id;
      bestScore = score;
      tie = false;
    } else if (score === bestScore) tie = true;
  }
  return tie ? undefined : best;
}
