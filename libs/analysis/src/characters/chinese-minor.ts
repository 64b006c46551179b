import type { CastMember } from '@storyboard/domain';
import { PrefixScanner } from './mentions';

/** At most this many minor speakers join a Chinese cast after its main roster. */
export const MAX_MINOR_SPEAKERS = 40;
/** A name opens a clause (comes right after punctuation) at least this share of its uses. */
const MIN_CLAUSE_OPENING = 0.2;
/** A predicate follows a named person (`三藏施礼`, `行者满心欢喜`) at least this share of its uses. */
const MAX_AFTER_NAME = 0.1;
const PUNCTUATION = /[，。！？；：、”“」「『』\s]/;
/** Aspect and structural particles, a direction complement at the end, a doubled character:
 * the shape of a verb phrase (`收了铁棒`, `迎着行者`, `悄悄的`, `爬起来`, `战战兢兢`). */
const VERB_PHRASE = /[了着的得]|[来去]$|(.)\1/;
/** Several people speaking as one (`众仙`, `群妖`, `二老`, `十王`): not one speaker. */
const GROUP = /^[众群诸各]|^[两二三四五六七八九十](?:老|王|童|人|神|将|官|仙|怪|妖)$/;

/**
 * The minor speakers of a long Chinese book: candidates below the main roster (`清风`, `虎力大仙`,
 * `李定`) that behave like a name rather than a predicate or a manner phrase taken from a cue
 * (`施礼道`, `满心欢喜道`, `开口道`). A name often opens a clause, is seldom written right after
 * another cast name, has no verb-phrase shape and holds no cast name. In roster order, at most
 * `MAX_MINOR_SPEAKERS`.
 */
export function minorSpeakers<T extends CastMember>(
  text: string,
  candidates: readonly T[],
  roster: readonly CastMember[],
): T[] {
  const forms = roster.flatMap((m) => [m.name, ...m.aliases]).filter((f) => f.length >= 2);
  const shaped = candidates.filter(
    (c) =>
      !VERB_PHRASE.test(c.name) && !GROUP.test(c.name) && !forms.some((f) => c.name.includes(f)),
  );
  const usage = usageOf(
    text,
    shaped.map((c) => c.name),
    forms,
  );
  return shaped
    .filter((c) => {
      const u = usage.get(c.name);
      return (
        !!u &&
        u.uses > 0 &&
        u.opening >= u.uses * MIN_CLAUSE_OPENING &&
        u.afterName < u.uses * MAX_AFTER_NAME
      );
    })
    .slice(0, MAX_MINOR_SPEAKERS);
}

interface Usage {
  uses: number;
  /** Uses right after punctuation or at the text's start. */
  opening: number;
  /** Uses right after a cast name (`三藏施礼`). */
  afterName: number;
}

/** How each of `names` stands in the text, in one pass over it that also finds the cast's
 * `forms` (a name inside a longer cast form is that form's, not a use). */
export function usageOf(
  text: string,
  names: readonly string[],
  forms: readonly string[],
): Map<string, Usage> {
  const usage = new Map<string, Usage>(
    names.map((n) => [n, { uses: 0, opening: 0, afterName: 0 }]),
  );
  let formEnd = -1;
  new PrefixScanner([...names, ...forms]).scan(text, 0, text.length, (form, at) => {
    const u = usage.get(form);
    if (u) {
      u.uses++;
      if (at === 0 || PUNCTUATION.test(text.charAt(at - 1))) u.opening++;
      else if (formEnd === at) u.afterName++;
    } else formEnd = at + form.length;
  });
  return usage;
}

/** Whether `name` stands in `text` as a name does (see `minorSpeakers`). */
export function behavesLikeName(text: string, name: string, forms: readonly string[]): boolean {
  const u = usageOf(text, [name], forms).get(name);
  return (
    !!u &&
    u.uses > 0 &&
    u.opening >= u.uses * MIN_CLAUSE_OPENING &&
    u.afterName < u.uses * MAX_AFTER_NAME
  );
}
