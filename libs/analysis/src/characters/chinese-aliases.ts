import { anchoredMatches } from '../util/anchored-search';
import { pushTo } from '../util/push-to';
import { SURNAMES } from './chinese-names';
import type { Group } from './groups';

/** One character after a surname that makes a title of it (`唐僧` the monk Tang, `李公`). */
/** `沙` and `牛` are surnames in stories too (`沙悟净`, `牛魔王`), though rare in life. */
const TITLE_AFTER_SURNAME = new RegExp(`^[${SURNAMES}沙牛][僧公翁婆]$`);
/** How speakers name themselves (`老僧`, `贫僧`, `老孙`): never a form of address of one person. */
const SELF_REFERENCES = /^(?:老僧|贫僧|小僧|老孙|老猪|老沙|贫道|老夫|在下|弟子|小的|本官|寡人|朕)$/;
/** A vocative at a quote's start: `“呆子，…` / `“师父！…`. */
const VOCATIVE_END = /^[，,！!]/;
/** The cue of the answer: its speaker right after the closing mark, then a speech verb. */
const ANSWER =
  /^[”」』]\s*(?:那|这)?([\u4e00-\u9fff]{2,4}?)(?:笑|叫|问|答|回|又|便|忙|急|厉声|应)?(?:道|说|问|曰)/;

/** Moves `holder` (its name and aliases) into `owner`. */
function absorb(groups: Group[], owner: Group, holder: Group): void {
  owner.aliases.push(holder.name, ...holder.aliases.filter((a) => a !== owner.name));
  owner.score += holder.score;
  groups.splice(groups.indexOf(holder), 1);
}

/**
 * `唐僧` (surname + 僧): the monk of that surname. It joins the person whose name the text most
 * often writes behind the same surname (`唐三藏` 55×), when that full form is frequent (≥ 10) and
 * clearly the usual one (2× the next: `唐长老` 19×, `唐太宗` 11×).
 */
export function withTitledSurnames(groups: Group[], text: string): Group[] {
  const out = groups.map((g) => ({ ...g, aliases: [...g.aliases] }));
  for (const titled of [...out]) {
    if (!TITLE_AFTER_SURNAME.test(titled.name) || !out.includes(titled)) continue;
    const surname = titled.name.charAt(0);
    const behind = formsBehind(text, surname);
    const counts = out
      .filter((g) => g !== titled)
      .map((g) => ({ g, n: Math.max(...[g.name, ...g.aliases].map((f) => behind(f))) }))
      .sort((a, b) => b.n - a.n);
    const [best, next] = counts;
    if (best && best.n >= 10 && best.n >= 2 * (next?.n ?? 0)) absorb(out, best.g, titled);
  }
  return out;
}

/**
 * `“呆子，你…”八戒道：` again and again: a form of address (`呆子`, `师父`) that the same named
 * person answers — at least 8 answers, half of them theirs and 3× as many as anyone else's — is
 * what that person is called; its entry joins theirs. Run twice: a merge can make the answers to
 * another form add up (`唐僧` into `三藏`, then `师父`).
 */
export function withAddressTerms(
  groups: Group[],
  text: string,
  openings: ReadonlyMap<number, readonly number[]> = quoteOpenings(text),
): Group[] {
  const out = groups.map((g) => ({ ...g, aliases: [...g.aliases] }));
  const owner = new Map<string, Group>();
  for (const g of out) for (const f of [g.name, ...g.aliases]) owner.set(f, g);
  const answerOf = (at: number): Group | undefined => {
    const close = text.indexOf('”', at);
    if (close < 0 || close - at > 400) return undefined;
    const m = ANSWER.exec(text.slice(close, close + 12));
    if (!m?.[1]) return undefined;
    for (let n = m[1].length; n >= 2; n--) {
      const g = owner.get(m[1].slice(0, n));
      if (g) return g;
    }
    return undefined;
  };
  for (const term of [...out]) {
    if (!out.includes(term) || SELF_REFERENCES.test(term.name)) continue;
    const answers = new Map<Group, number>();
    let total = 0;
    for (const form of [term.name, ...term.aliases]) {
      for (const at of openings.get(form.charCodeAt(0)) ?? []) {
        if (!text.startsWith(form, at) || !VOCATIVE_END.test(text.charAt(at + form.length)))
          continue;
        const g = answerOf(at + form.length);
        if (!g) continue;
        total++;
        answers.set(g, (answers.get(g) ?? 0) + 1);
      }
    }
    const ranked = [...answers].sort((a, b) => b[1] - a[1]);
    const [top, n = 0] = ranked[0] ?? [];
    const second = ranked[1]?.[1] ?? 0;
    if (top && top !== term && total >= 8 && n >= total * 0.5 && n >= 3 * second)
      if (out.includes(top)) absorb(out, top, term);
  }
  return out;
}

/** Where each quote's words start (right after `“`), by their first character, so each form
 * looks only where it may start. Built once for both `withAddressTerms` passes of a cast. */
export function quoteOpenings(text: string): Map<number, number[]> {
  const openings = new Map<number, number[]>();
  for (let at = text.indexOf('“'); at >= 0; at = text.indexOf('“', at + 1))
    pushTo(openings, text.charCodeAt(at + 1), at + 1);
  return openings;
}

/** How often each form is written right behind `surname`: one pass over the surname's
 * occurrences, not one scan of the book per form. */
function formsBehind(text: string, surname: string): (form: string) => number {
  // The places right behind the surname, by the character found there: a form is tried only
  // where its first character stands.
  const starts = new Map<number, number[]>();
  let total = 0;
  for (let at = text.indexOf(surname); at >= 0; at = text.indexOf(surname, at + 1)) {
    pushTo(starts, text.charCodeAt(at + 1), at + 1);
    total++;
  }
  return (form) => {
    if (form === '') return total;
    let n = 0;
    for (const at of starts.get(form.charCodeAt(0)) ?? []) if (text.startsWith(form, at)) n++;
    return n;
  };
}

/** `猴王笑道：“…自今就叫做孙悟空也！”`: a speaker taking a name in their own words. Sticky, tried
 * only near its naming verb (`anchoredMatches`): the verb stands 6 to 53 characters after the
 * match's start (speaker 2–4, `笑` 0–1, `道：“` 3, words 0–40, `自今` 1–2, `以后` 0–2, `就` 0–1). */
const SELF_NAMING =
  /([\u4e00-\u9fff]{2,4}?)(?:笑|叫|又|便|喜)?道：“[^”]{0,40}?(?:我|自今|今|从今)(?:以后)?(?:就|便)?(?:叫做|唤做|名叫|改名)[‘']?([\u4e00-\u9fff]{2,4}?)[’']?(?:也|罢|了)?[，。！？”]/y;
const NAMING_VERB = /叫做|唤做|名叫|改名/g;

/**
 * A speaker who says in their own words that they are now called by a name (`自今就叫做孙悟空`)
 * is the person who goes by that name: the speaker's entry joins the name's.
 */
export function withSelfNaming(groups: Group[], text: string): Group[] {
  const out = groups.map((g) => ({ ...g, aliases: [...g.aliases] }));
  const find = (form: string) => {
    for (let n = form.length; n >= 2; n--) {
      const part = form.slice(form.length - n);
      const head = form.slice(0, n);
      const g =
        out.find((x) => x.name === head || x.aliases.includes(head)) ??
        out.find((x) => x.name === part || x.aliases.includes(part));
      if (g) return g;
    }
    return undefined;
  };
  for (const m of anchoredMatches(text, SELF_NAMING, NAMING_VERB, 6, 53)) {
    const speaker = find(m[1] ?? '');
    const named = find(m[2] ?? '');
    if (speaker && named && speaker !== named) absorb(out, named, speaker);
  }
  return out;
}

/** The narration giving someone a new name: `遂称美猴王`, `改称…`, `号称…`. */
const TAKES_NAME = /(?:遂称|改称|号称|自称)([\u4e00-\u9fff]{2,4})[，。！？；]/g;
/** Time words that open a sentence before its subject (`自此，石猴…`). */
const SENTENCE_OPENER = /^(?:自此|从此|于是|因此|后来|当时|此时|那|这)/;

/**
 * `自此，石猴高登王位，将“石”字儿隐了，遂称美猴王。`: a sentence of narration whose subject then
 * goes by a name the cast knows. The subject (the sentence's first clause, its longest 2–4
 * character opening written at least three times in the book) becomes an alias of that name's
 * entry — unless it is a form of another entry (two people are never merged here).
 */
export function withTakenNames(groups: Group[], text: string): Group[] {
  const out = groups.map((g) => ({ ...g, aliases: [...g.aliases] }));
  const find = (form: string) => out.find((g) => g.name === form || g.aliases.includes(form));
  TAKES_NAME.lastIndex = 0;
  for (let m = TAKES_NAME.exec(text); m; m = TAKES_NAME.exec(text)) {
    // The name or its last characters (`美猴王` → `猴王`, a form written behind one more).
    const taken = m[1] ?? '';
    let named: Group | undefined;
    for (let n = taken.length; n >= 2 && !named; n--) named = find(taken.slice(taken.length - n));
    if (!named) continue;
    // Narration only: reported speech (`“那厮自称混世魔王”`) may be a lie or a guess.
    if (text.lastIndexOf('“', m.index) > text.lastIndexOf('”', m.index)) continue;
    let start = m.index;
    while (start > 0 && !/[。！？\n]/.test(text.charAt(start - 1))) start--;
    const clauses = text.slice(start, m.index).split(/[，,]/);
    const first = clauses
      .map((c) => /^[\u4e00-\u9fff]*/.exec(c.trim().replace(SENTENCE_OPENER, ''))?.[0] ?? '')
      .find((c) => c.length >= 2);
    if (!first) continue;
    let subject: string | undefined;
    for (let n = Math.min(4, first.length); n >= 2 && !subject; n--)
      if (occurrences(text, first.slice(0, n), 3) >= 3) subject = first.slice(0, n);
    if (!subject || taken.endsWith(subject)) continue;
    const holder = find(subject);
    if (!holder) named.aliases.push(subject);
  }
  return out;
}

/** How often `form` is written in `text`, counting up to `enough`. */
function occurrences(text: string, form: string, enough: number): number {
  let n = 0;
  for (let at = text.indexOf(form); at >= 0 && n < enough; at = text.indexOf(form, at + 1)) n++;
  return n;
}
