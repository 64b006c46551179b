import { pushTo } from '../util/push-to';
import { UnionFind } from '../util/union-find';
import type { NameCandidate } from './candidate';
import { collect, type Group } from './groups';
import { searchForms } from './mentions';
import { titledSurnames } from './english-titled';

/** Titles that stay with their bearer: `Madame Defarge` is not `Defarge`, `Mrs. Cruncher` is not
 * `Mr. Cruncher`. */
const FEMININE_TITLE =
  /^(?:Mrs\.|Miss|Ms\.|Lady|Madame|Mademoiselle|Mother|Aunt|Mistress|Sister)\s/;
/** Titles that name the same person as the bare name (`Mr. Holmes` is `Holmes`). */
const TITLE =
  /^(?:Mr\.|Dr\.|Mister|Monsieur|Doctor|Professor|Colonel|Captain|Major|General|Sir|Lord|Citizen|Inspector|Father|Uncle|Brother)\s+/;
/** A first word that marks another person of the same name (`Young Jerry` is Jerry's son). */
const OTHER_PERSON = /^(?:Young)$/;

interface FullName {
  key: string;
  score: number;
  /** A role or thing written `the X Y` (`the Musgrave Ritual`): never a given name's owner. */
  role?: boolean;
}

/**
 * One person, one entry, when the text supports it: a title joins the bare name (`Mr. Holmes` →
 * `Holmes`, `Monsieur Gabelle` → `Gabelle`); a bare surname or given name joins the full name
 * it belongs to (`Carton`, `Sydney` → `Sydney Carton`; `Rabbit` → `White Rabbit`) when one full
 * name clearly dominates those sharing that word — so `Holmes` joins `Sherlock Holmes` and
 * `Mycroft` stays apart; full names the text writes but too rarely to be candidates of their own
 * (`Jerry Cruncher`) count as evidence. Feminine titles never merge into a bare name.
 */
export function mergeEnglish(candidates: readonly NameCandidate[], text: string): Group[] {
  const union = new UnionFind();
  const score = new Map<string, number>();
  const add = (key: string, n: number) => score.set(key, (score.get(key) ?? 0) + n);
  const coreOf = (name: string): string => {
    const bare = searchForms(name);
    if (FEMININE_TITLE.test(bare)) return bare;
    return bare.replace(TITLE, '');
  };
  for (const c of candidates) {
    const core = coreOf(c.name);
    union.join(core, c.name);
    add(core, c.score);
  }
  const cores = [...score.keys()];
  const singles = new Set(cores.filter((k) => !k.includes(' ') && !FEMININE_TITLE.test(k)));
  const roles = new Set(candidates.filter((c) => /^the /.test(c.name)).map((c) => coreOf(c.name)));
  const fulls: FullName[] = cores
    .filter((k) => k.includes(' ') && !FEMININE_TITLE.test(k))
    .map((k) => ({ key: k, score: score.get(k) ?? 0, role: roles.has(k) }));
  // Given-name + surname pairs written in the text, each word a name of its own.
  const seen = new Set(fulls.map((f) => f.key));
  for (const [pair, n] of pairsIn(text, singles)) {
    if (!seen.has(pair)) fulls.push({ key: pair, score: n });
  }
  const byHead = new Map<string, FullName[]>();
  const byFirst = new Map<string, FullName[]>();
  for (const f of fulls) {
    const words = f.key.split(' ');
    if (OTHER_PERSON.test(words[0] ?? '')) continue;
    const ofAt = words.indexOf('of');
    const head = ofAt > 0 ? words[ofAt - 1] : words[words.length - 1];
    if (head) pushTo(byHead, head, f);
    if (ofAt < 0 && words[0] && !f.role) pushTo(byFirst, words[0], f);
  }
  // `the Doctor` is the one `Doctor X` the text mostly means, when one dominates.
  const byTitle = new Map<string, FullName[]>();
  for (const c of candidates) {
    const bare = searchForms(c.name);
    const title = TITLE.exec(bare)?.[0]?.trim().replace(/\.$/, '');
    if (title) pushTo(byTitle, title, { key: coreOf(c.name), score: c.score });
  }
  const written: NameCandidate[] = [];
  for (const single of singles) {
    const pick =
      dominant(byHead.get(single)) ??
      dominant(byFirst.get(single)) ??
      dominant(byTitle.get(single));
    if (pick) {
      union.join(pick.key, single);
      // A full name found only as written pairs becomes a form of its person (`Mycroft Holmes`).
      if (!seen.has(pick.key) && !written.some((w) => w.name === pick.key))
        written.push({ name: pick.key, aliases: [], score: pick.score });
    } else {
      const plural = candidates.find((m) => m.name === `${single}s` || m.name === `the ${single}s`);
      if (plural) union.join(plural.name, single);
    }
  }
  const plain = fulls.filter((f) => !f.role).map((f) => f.key);
  for (const [form, full] of titledSurnames(plain, singles, text, (g) => isFeminine(text, g))) {
    union.join(full, form);
    written.push({ name: form, aliases: [], score: 0 });
  }
  // `Miss Manette` is the daughter the text calls `Lucie Manette`: an unmarried title joins the
  // one full name of a candidate with that surname that dominates, its given name's own uses
  // counting for it (never a bare surname, which may be her father's).
  for (const c of candidates) {
    const m = /^(?:Miss|Mademoiselle)\s+(\S+)$/.exec(searchForms(c.name));
    if (!m?.[1]) continue;
    const owners = fulls
      .filter(
        (f) => f.key.endsWith(` ${m[1]}`) && score.has(f.key) && f.key.split(' ').length === 2,
      )
      .map((f) => ({ key: f.key, score: f.score + (score.get(f.key.split(' ')[0] ?? '') ?? 0) }));
    const pick = dominant(owners);
    if (pick && isFeminine(text, pick.key.split(' ')[0] ?? '')) union.join(pick.key, c.name);
  }
  return collect([...candidates, ...written], (name) => union.find(name));
}

/** `Jerry Cruncher` written in the text, both words names: pair → count. */
function pairsIn(text: string, singles: ReadonlySet<string>): Map<string, number> {
  const out = new Map<string, number>();
  const re = /\b([A-Z][a-z]+) ([A-Z][a-z]+)\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [, a, b] = m;
    if (a && b && singles.has(a) && singles.has(b) && !TITLE.test(`${a} `)) {
      const key = `${a} ${b}`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
    re.lastIndex = m.index + (a?.length ?? 0) + 1;
  }
  return out;
}

function dominant(list: readonly FullName[] | undefined): FullName | undefined {
  if (!list || list.length === 0) return undefined;
  const [top, second] = [...list].sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
  if (!top) return undefined;
  return !second || top.score >= second.score * 2 ? top : undefined;
}

/** `she`/`her` follows the name in its sentence more often than `he`/`his`/`him`. */
function isFeminine(text: string, given: string): boolean {
  const re = new RegExp(`\\b${given}\\b[^.!?]{0,60}?\\b(she|her|he|his|him)\\b`, 'g');
  let she = 0;
  let he = 0;
  for (const m of text.matchAll(re)) {
    if (m[1] === 'she' || m[1] === 'her') she++;
    else he++;
  }
  return she > he;
}
