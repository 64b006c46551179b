import type { CastMember, Language } from '@storyboard/domain';
import type { NameCandidate } from './candidate';
import { extractChineseNames } from './chinese-names';
import { extractEnglishNames } from './english-names';
import { MentionMatcher, searchForms } from './mentions';
import { pushTo } from '../util/push-to';

const MAX_CAST = 60;
const MIN_MENTIONS = 3;

export interface RankedCastMember extends CastMember {
  mentions: number;
}

/** The book's characters, most-mentioned first, ids `c1`, `c2`, … by rank. */
export function buildCast(text: string, language: Language): RankedCastMember[] {
  const candidates =
    language === 'zh'
      ? extractChineseNames(text)
      : language === 'en'
        ? extractEnglishNames(text)
        : [];
  const groups =
    language === 'zh' ? withGivenNames(mergeChinese(candidates), text) : mergeEnglish(candidates);
  const provisional: CastMember[] = groups.map((g, i) => ({
    id: `g${i}`,
    name: g.name,
    aliases: g.aliases,
  }));
  const counts = new MentionMatcher(provisional, language).count(text);
  const ranked = provisional
    .map((m) => ({ ...m, mentions: counts.get(m.id) ?? 0 }))
    .filter((m) => m.mentions >= MIN_MENTIONS)
    .sort((a, b) => b.mentions - a.mentions || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, MAX_CAST);
  return ranked.map((m, i) => ({ ...m, id: `c${i + 1}` }));
}

interface Group {
  name: string;
  aliases: string[];
  score: number;
}

/** `孙悟空` joins `悟空` and `猪八戒` joins `八戒`: a name that is another name with one more
 * character in front (a surname) is the same person; and names the text often writes behind the
 * same surname (`孙悟空`, `孙大圣`, `孙行者`) are one person. */
function mergeChinese(candidates: readonly NameCandidate[]): Group[] {
  const byName = new Map(candidates.map((c) => [c.name, c]));
  const union = new UnionFind();
  const tailsBySurname = new Map<string, string[]>();
  for (const c of candidates) {
    const head = c.name.charAt(0);
    const tail = c.name.slice(1);
    if (tail.length < 2 || !byName.has(tail) || GENERIC_MODIFIERS.includes(head)) continue;
    union.join(c.name, tail);
    pushTo(tailsBySurname, head, tail);
  }
  for (const c of candidates) {
    if (c.name.length < 2) continue;
    for (const head of surnamesOf(c)) {
      const list = tailsBySurname.get(head) ?? [];
      if (!list.includes(c.name)) tailsBySurname.set(head, [...list, c.name]);
    }
  }
  // 孙悟空, 孙行者, 孙大圣: one surname in front of several names links those names.
  for (const tails of tailsBySurname.values())
    for (const t of tails.slice(1)) union.join(tails[0] as string, t);
  const best = new Map<string, NameCandidate>();
  for (const c of candidates) {
    const root = union.find(c.name);
    const cur = best.get(root);
    if (!cur || c.score > cur.score) best.set(root, c);
  }
  return collect(candidates, (name) => best.get(union.find(name))?.name ?? name);
}

/**
 * `林小雨` is mostly written `小雨` once introduced: a full name made of a common surname and
 * a given name of two or more characters gains the given name as an alias, when the text
 * uses it on its own, no other character already goes by it, and it is not a common noun
 * (`沙和尚` does not make every `和尚` — `那和尚`, `一个和尚` — the same person).
 */
function withGivenNames(groups: Group[], text: string): Group[] {
  const taken = new Set(groups.flatMap((g) => [g.name, ...g.aliases]));
  return groups.map((group) => {
    const given = [group.name, ...group.aliases]
      .filter((name) => name.length >= 3 && SURNAMES.includes(name.charAt(0)))
      .map((name) => ({ surname: name.charAt(0), tail: name.slice(1) }))
      .filter(({ surname, tail }) => !taken.has(tail) && isOwnName(text, tail, surname))
      .map(({ tail }) => tail);
    for (const tail of given) taken.add(tail);
    return given.length ? { ...group, aliases: [...group.aliases, ...given] } : group;
  });
}

/** Determiners, measure words and modifiers that put a common noun after them. */
const NOUN_MARKERS = '个那这小老些的一两众诸各位名';

/** Used without the surname at least MIN_MENTIONS times, and after a noun marker less than
 * 15% of those times. */
function isOwnName(text: string, word: string, surname: string): boolean {
  let uses = 0;
  let asNoun = 0;
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
    const before = text.charAt(at - 1);
    if (before === surname) continue;
    uses++;
    if (NOUN_MARKERS.includes(before)) asNoun++;
  }
  return uses >= MIN_MENTIONS && asNoun < uses * 0.15;
}

/** A bare surname in the narration is rarely the wife's or daughter's: never merge into those. */
const FEMININE_TITLE = /^(?:Mrs\.|Miss|Ms\.|Lady|Madame|Mother|Aunt|Mistress)\s/;

/** `Rabbit` joins `White Rabbit`, `Darcy` joins `Mr. Darcy`, `Bob` joins `Bob Cratchit`, when one
 * longer name clearly dominates those sharing that word. */
function mergeEnglish(candidates: readonly NameCandidate[]): Group[] {
  const bare = (name: string) => searchForms(name);
  const multi = candidates.filter((c) => bare(c.name).includes(' '));
  const byHead = new Map<string, NameCandidate[]>();
  const byFirst = new Map<string, NameCandidate[]>();
  for (const c of multi) {
    const words = bare(c.name).split(' ');
    const ofAt = words.indexOf('of');
    const head = ofAt > 0 ? words[ofAt - 1] : words[words.length - 1];
    const first = words[0];
    if (head) pushTo(byHead, head, c);
    if (first && !/\.$/.test(first)) pushTo(byFirst, first, c);
  }
  const target = new Map<string, string>();
  for (const c of candidates) {
    const b = bare(c.name);
    if (b.includes(' ')) continue;
    const heads = (byHead.get(b) ?? []).filter((m) => !FEMININE_TITLE.test(bare(m.name)));
    const plural = candidates.find((m) => m.name === `${c.name}s` || m.name === `the ${b}s`);
    const pick = dominant(heads) ?? dominant(byFirst.get(b)) ?? plural;
    if (pick) target.set(c.name, pick.name);
  }
  return collect(candidates, (name) => target.get(name) ?? name);
}

/** Characters written in front of a name often enough to be its surname: at least 10 times and
 * a tenth of its occurrences. */
function surnamesOf(c: NameCandidate): string[] {
  const before = c.before ?? new Map<string, number>();
  let total = 0;
  for (const n of before.values()) total += n;
  return [...before]
    .filter(([ch, n]) => SURNAMES.includes(ch) && n >= 10 && n >= total * 0.1)
    .map(([ch]) => ch)
    .sort();
}

/** Common Chinese surnames (the most frequent hundred), leaving out those that are also common
 * function words or name parts (那, 和, 龙, 向). */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方邹孟熊秦邱江尹薛闫段雷侯史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤牛沙';

/** First characters that modify a noun rather than give a surname (`小和尚` is not `和尚`'s kin). */
const GENERIC_MODIFIERS = '小老大众假真二三两一那这此众诸各';

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root)
      root = this.parent.get(root) as string;
    return root;
  }
  join(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

function dominant(list: readonly NameCandidate[] | undefined): NameCandidate | undefined {
  if (!list || list.length === 0) return undefined;
  const sorted = [...list].sort((a, b) => b.score - a.score);
  const [top, second] = sorted;
  if (!top) return undefined;
  return !second || top.score >= second.score * 2 ? top : undefined;
}

/** Groups candidates by root; the root names the group unless a role form (`the X`) of a merged
 * member is more telling, and aliases list the other forms by evidence. */
function collect(candidates: readonly NameCandidate[], rootOf: (name: string) => string): Group[] {
  const groups = new Map<string, NameCandidate[]>();
  for (const c of candidates) {
    const root = rootOf(c.name);
    pushTo(groups, root, c);
  }
  const out: Group[] = [];
  for (const members of groups.values()) {
    const top = [...members].sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1))[0];
    if (!top) continue;
    const isRole = members.some((m) => /^the /.test(m.name));
    const name = isRole && !/^the /.test(top.name) ? `the ${top.name}` : top.name;
    const aliases = members
      .filter((m) => m.name !== top.name)
      .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1))
      .map((m) => m.name)
      .filter((a) => a !== name);
    out.push({ name, aliases, score: members.reduce((s, m) => s + m.score, 0) });
  }
  return out.sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1));
}
