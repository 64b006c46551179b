import type { CastMember, Language } from '@storyboard/domain';
import type { NameCandidate } from './candidate';
import { withChapterRoles, type ChapterRole } from './chapter-roles';
import {
  quoteOpenings,
  withAddressTerms,
  withSelfNaming,
  withTakenNames,
  withTitledSurnames,
} from './chinese-aliases';
import { minorSpeakers, recordStance, type Stance } from './chinese-minor';
import { extractChineseCandidates } from './chinese-names';
import { recordPrefixed, withPrefixedForms } from './chinese-prefixed';
import { extractEnglishNames } from './english-names';
import { englishSpeakingRoles, linkRoles } from './english-roles';
import { mergeEnglish } from './english-merge';
import { collect, type Group } from './groups';
import { MentionMatcher } from './mentions';
import { rankRoster } from './roster';
import { outlineChapters } from '../structure/chapters';
import { UnionFind } from '../util/union-find';
import { pushTo } from '../util/push-to';

const MAX_CAST = 60;
const MIN_MENTIONS = 3;

export interface RankedCastMember extends CastMember {
  mentions: number;
}

/** The book's characters, most-mentioned first, ids `c1`, `c2`, … by rank. `chapterStarts`:
 * where each chapter starts, when the caller has outlined them already. */
export function buildCast(
  text: string,
  language: Language,
  chapterStarts: readonly number[] = outlineChapters(text).map((c) => c.span.start),
): RankedCastMember[] {
  const zh = language === 'zh' ? extractChineseCandidates(text) : undefined;
  const candidates = zh ? zh.names : language === 'en' ? extractEnglishNames(text) : [];
  const openings = language === 'zh' ? quoteOpenings(text) : undefined;
  const grouped =
    language === 'zh'
      ? withAddressTerms(
          withAddressTerms(
            withTakenNames(
              withSelfNaming(
                withTitledSurnames(
                  withCourtesyNames(withGivenNames(mergeChinese(candidates), text), text),
                  text,
                ),
                text,
              ),
              text,
            ),
            text,
            openings,
          ),
          text,
          openings,
        )
      : withChapterRoles(mergeEnglish(candidates, text), text, chapterStarts);
  const groups = 'roles' in grouped ? grouped.groups : grouped;
  const roles = 'roles' in grouped ? grouped.roles : [];
  const named: CastMember[] = groups.map((g, i) => ({
    id: `g${i}`,
    name: g.name,
    aliases: g.aliases,
  }));
  const english = language === 'en' ? englishSpeakingRoles(text) : [];
  // A described speaker the text ties to a named person (`the spy` → Barsad) is that person.
  const links = linkRoles(english, named, text);
  const provisional = named.map((m) => {
    const joined = english.filter((r) => links.get(r.name) === m.id);
    if (joined.length === 0) return m;
    return { ...m, aliases: [...m.aliases, ...joined.flatMap((r) => [r.name, ...r.aliases])] };
  });
  const described = zh ? zh.roles : english.filter((r) => !links.has(r.name));
  const speaking = speakingRoles(described, provisional);
  // Chinese: where each name stands, for the minor speakers below the main roster.
  const stance = zh ? new Map<string, Stance>() : undefined;
  // Chinese: names written behind one more character at a clause's start (`美猴王`).
  const prefixed = zh ? new Map<string, number>() : undefined;
  const { totals, byChapter } = countByChapter(
    new MentionMatcher([...provisional, ...speaking], language),
    text,
    chapterStarts,
    stance,
    prefixed,
  );
  // Ranked by their mentions plus, for a chapter's role (`the Ghost` in the stave of the Ghost of
  // Christmas Past), the role word's mentions in that chapter; `mentions` stay the names written.
  const weight = roleWeights(provisional, roles, totals, byChapter);
  const members = provisional
    .map((m) => ({ ...m, mentions: weight.get(m.id) ?? 0 }))
    .filter((m) => m.mentions >= MIN_MENTIONS);
  const roster = rankRoster(members, byChapter, ROSTER_SLOTS);
  const main = roster.slice(0, MAX_CAST);
  // A long Chinese book has many minor speakers below the main roster (`清风`, `李定`).
  const withMinor = stance
    ? [...main, ...minorSpeakers(roster.slice(MAX_CAST), main, stance)]
    : main;
  const ranked = prefixed ? withPrefixedForms(withMinor, prefixed) : withMinor;
  // Roles (`老者`, `妇人`, `the spy`) speak many lines but are nobody in particular: after every name.
  const tail = speaking
    .map((m) => ({ ...m, mentions: totals.get(m.id) ?? 0 }))
    .filter((m) => m.mentions >= MIN_MENTIONS)
    .sort((a, b) => b.mentions - a.mentions || (a.name < b.name ? -1 : 1));
  return [...ranked, ...tail].map((m, i) => ({
    ...m,
    mentions: totals.get(m.id) ?? 0,
    id: `c${i + 1}`,
  }));
}

/** Speaking roles (`老者`, `妇人`, `the spy`, `Scrooge's nephew`) as cast entries of their own, at most `MAX_ROLES`, ids
 * `r0`, `r1`, …; none that is a name or alias of a named entry. */
function speakingRoles(
  roles: readonly NameCandidate[],
  named: readonly CastMember[],
): CastMember[] {
  const taken = new Set(named.flatMap((m) => [m.name, ...m.aliases]));
  return roles
    .filter((r) => !taken.has(r.name))
    .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1))
    .slice(0, MAX_ROLES)
    .map((r, i) => ({ id: `r${i}`, name: r.name, aliases: [...r.aliases] }));
}

const MAX_ROLES = 15;

/** Mentions per member, a chapter role's mentions moved from the role word to the one it means
 * there. */
function roleWeights(
  members: readonly CastMember[],
  roles: readonly ChapterRole[],
  totals: ReadonlyMap<string, number>,
  byChapter: readonly ReadonlyMap<string, number>[],
): Map<string, number> {
  const weight = new Map(totals);
  const idOf = new Map(members.map((m) => [m.name, m.id]));
  for (const r of roles) {
    const generic = idOf.get(r.generic);
    const specific = idOf.get(r.specific);
    const n = generic ? (byChapter[r.chapter]?.get(generic) ?? 0) : 0;
    if (!generic || !specific || n === 0) continue;
    weight.set(generic, (weight.get(generic) ?? 0) - n);
    weight.set(specific, (weight.get(specific) ?? 0) + n);
  }
  return weight;
}

/** Places at the head of the roster that keep room for each chapter's principal characters. */
const ROSTER_SLOTS = 15;

/** Mentions per member over the book and per chapter (chapter `k` starts at `starts[k]`), in one
 * pass that keeps no mention. */
function countByChapter(
  matcher: MentionMatcher,
  text: string,
  starts: readonly number[],
  stance?: Map<string, Stance>,
  prefixed?: Map<string, number>,
): { totals: Map<string, number>; byChapter: Map<string, number>[] } {
  const totals = new Map<string, number>();
  const byChapter = starts.map(() => new Map<string, number>());
  let k = 0;
  let previousEnd = -1;
  matcher.each(text, 0, text.length, (id, at, end) => {
    while (k + 1 < starts.length && (starts[k + 1] as number) <= at) k++;
    totals.set(id, (totals.get(id) ?? 0) + 1);
    const chapter = byChapter[k];
    if (chapter) chapter.set(id, (chapter.get(id) ?? 0) + 1);
    if (stance) recordStance(stance, text, id, at, previousEnd);
    if (prefixed) recordPrefixed(prefixed, text, at, end, previousEnd);
    previousEnd = end;
  });
  return { totals, byChapter };
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

/** `姓刘，名备，字玄德` (and `号`, `人称`): the text states the courtesy name, art name or
 * nickname of a named person; those become aliases of that person's entry (an entry going by
 * one of them joins it). */
export function withCourtesyNames(groups: Group[], text: string): Group[] {
  const out = groups.map((g) => ({ ...g, aliases: [...g.aliases] }));
  const find = (name: string) => out.find((g) => g.name === name || g.aliases.includes(name));
  COURTESY.lastIndex = 0;
  for (let m = COURTESY.exec(text); m; m = COURTESY.exec(text)) {
    const [, surname = '', given = '', other = ''] = m;
    const owner = find(surname + given) ?? (given.length >= 2 ? find(given) : undefined);
    if (!owner || other.length < 2) continue;
    for (const form of [other, surname + other]) {
      const holder = find(form);
      if (holder === owner) continue;
      if (holder) {
        owner.aliases.push(holder.name, ...holder.aliases.filter((a) => a !== owner.name));
        owner.score += holder.score;
        out.splice(out.indexOf(holder), 1);
      } else owner.aliases.push(form);
    }
  }
  return out;
}

const COURTESY =
  /姓([\u4e00-\u9fff])[，,、]?\s*(?:单)?名(?:一个)?([\u4e00-\u9fff]{1,2}?)[，,、]?\s*(?:表字|字|号|人称|绰号)(?:是|为|唤作)?([\u4e00-\u9fff]{2,3}?)(?=[，。,；！])/g;

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
