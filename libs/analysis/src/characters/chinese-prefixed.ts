import type { CastMember } from '@storyboard/domain';
import { charTest } from '../util/char-test';

/** A prefixed form must be the subject of this many speech cues to become an alias. */
const MIN_PREFIXED_CUES = 2;
/** A clause that ends with a speech verb and a colon, within a cue's length. */
const CUE_CLAUSE = /^[^，。！？；：“”]{0,10}[道说问曰叫喝][：:]/;
const isPunctuation = charTest(/[，。！？；：、”“」「『』\s]/);
/** Characters that modify or introduce a name rather than belong to it: determiners, numerals,
 * function words, generic modifiers (`那猴王`, `二郎`, `又行者`, `老龙王`, `众妖王`). */
const isNotANamePart = charTest(
  /[那这此其又便就却也才只忽乃遂即与和同对向把被将叫问道说是在有的了着得之小老大众假真一二三两四五六七八九十几诸各好我你他她它咱俺吾望见教请奉蒙拜谢随跟等令命使让给替为女男]/,
);

/** Where a cast name is written behind one more character that opens a clause ending in a speech
 * cue (`美猴王十分欢喜道：`: the form `猴王` behind `美`), counted per written form, in the cast's
 * one pass. */
export function recordPrefixed(
  prefixed: Map<string, number>,
  text: string,
  at: number,
  end: number,
  previousEnd: number,
): void {
  if (at < 1 || previousEnd === at) return;
  const x = text.charCodeAt(at - 1);
  if (x < 0x4e00 || x > 0x9fff) return;
  if (at >= 2 && !isPunctuation(text, at - 2)) return;
  if (isNotANamePart(text, at - 1)) return;
  if (!CUE_CLAUSE.test(text.slice(end, end + 12))) return;
  const form = text.slice(at - 1, end);
  prefixed.set(form, (prefixed.get(form) ?? 0) + 1);
}

/**
 * `美猴王` is the `猴王` of the roster with a name-part in front, the subject of speech cues
 * (`美猴王顿然醒悟道：`): the longer form becomes an alias of the entry the shorter one belongs
 * to, so its cues name that entry. Only forms that open at least `MIN_PREFIXED_CUES` cue
 * clauses, behind a character that is no determiner, numeral, pronoun, common verb, function word
 * or generic modifier, written before no other entry's name, and not already someone's form.
 */
export function withPrefixedForms<T extends CastMember>(
  members: readonly T[],
  prefixed: ReadonlyMap<string, number>,
): T[] {
  const owner = new Map<string, T>();
  for (const m of members) for (const f of [m.name, ...m.aliases]) owner.set(f, m);
  // A character written in front of two different people's names is a word of its own (a verb,
  // an address), not part of one name.
  const fronts = new Map<string, Set<T>>();
  for (const [form, n] of prefixed) {
    const m = owner.get(form.slice(1));
    if (!m || n < 2) continue;
    const set = fronts.get(form.charAt(0)) ?? new Set<T>();
    fronts.set(form.charAt(0), set.add(m));
  }
  const added = new Map<T, string[]>();
  for (const [form, n] of prefixed) {
    const m = owner.get(form.slice(1));
    if (!m || n < MIN_PREFIXED_CUES || owner.has(form)) continue;
    if ((fronts.get(form.charAt(0))?.size ?? 0) > 1) continue;
    const list = added.get(m);
    if (list) list.push(form);
    else added.set(m, [form]);
  }
  return members.map((m) => {
    const more = added.get(m);
    return more ? { ...m, aliases: [...m.aliases, ...more] } : m;
  });
}
