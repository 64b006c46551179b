import type { CastMember } from '@storyboard/domain';
import { charTest } from '../util/char-test';

/** At most this many minor speakers join a Chinese cast after its main roster. */
export const MAX_MINOR_SPEAKERS = 40;
/** A name opens a clause (comes right after punctuation) at least this share of its uses. */
const MIN_CLAUSE_OPENING = 0.2;
/** A predicate follows a named person (`三藏施礼`, `行者满心欢喜`) at least this share of its uses. */
const MAX_AFTER_NAME = 0.1;
const isPunctuation = charTest(/[，。！？；：、”“」「『』\s]/);
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
  candidates: readonly T[],
  roster: readonly CastMember[],
  stance: ReadonlyMap<string, Stance>,
): T[] {
  const forms = roster.flatMap((m) => [m.name, ...m.aliases]).filter((f) => f.length >= 2);
  return candidates
    .filter(
      (c) =>
        !VERB_PHRASE.test(c.name) &&
        !GROUP.test(c.name) &&
        !forms.some((f) => c.name.includes(f)) &&
        isNameLike(stance.get(c.id)),
    )
    .slice(0, MAX_MINOR_SPEAKERS);
}

/** Where a cast candidate's mentions stand in the text, counted in the cast's one pass. */
export interface Stance {
  uses: number;
  /** Uses right after punctuation or at the text's start. */
  opening: number;
  /** Uses right after another cast mention (`三藏施礼`). */
  afterName: number;
}

/** A name often opens a clause and seldom follows another cast name. */
export function isNameLike(s: Stance | undefined): boolean {
  return (
    !!s &&
    s.uses > 0 &&
    s.opening >= s.uses * MIN_CLAUSE_OPENING &&
    s.afterName < s.uses * MAX_AFTER_NAME
  );
}

/** Records where one mention stands (see `Stance`); `previousEnd`: where the mention before it
 * ended. */
export function recordStance(
  stance: Map<string, Stance>,
  text: string,
  id: string,
  at: number,
  previousEnd: number,
): void {
  let s = stance.get(id);
  if (!s) stance.set(id, (s = { uses: 0, opening: 0, afterName: 0 }));
  s.uses++;
  if (at === 0 || isPunctuation(text, at - 1)) s.opening++;
  else if (previousEnd === at) s.afterName++;
}
