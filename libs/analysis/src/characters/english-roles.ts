import { EN_SPEECH_VERB } from '../dialogue/english-cues';
import type { CastMember } from '@storyboard/domain';
import { vocatives } from '../dialogue/reference';
import type { NameCandidate } from './candidate';
import { MentionMatcher } from './mentions';

/** A described speaker and where its cues stand (offsets of the closing marks before them). */
export interface EnglishRole extends NameCandidate {
  cues: number[];
}

/** Nouns for anybody (`the man`, `the gentleman`, `the woman`): the text calls many people so,
 * and the plain word in narration reads as a mention of the one entry; such a role is kept only
 * when its cues are at least a quarter of the word's uses (one person the scene keeps calling
 * so), not `the man` of a whole book. */
const GENERIC = 'man|woman|boy|girl|gentleman|lady|fellow';
const GENERIC_WORD = new RegExp(`\\b(${GENERIC})\\b`, 'gi');
const GENERIC_SHARE = 0.25;

/** Nouns that describe one person by office, trade or kin. */
const PERSON_NOUNS = `${GENERIC}|spy|mender|uncle|nephew|niece|aunt|prisoner|gaoler|turnkey|passenger|functionary|clerk|keeper|guard|officer|servant|landlord|landlady|waiter|coachman|jailer|labourer|postmaster|juryman|messenger|porter|wood-sawyer|road-mender`;

/** The nouns as written, their first letter either case (`said the Spy` in a late chapter). */
const NOUN_SET = new Set(PERSON_NOUNS.split('|'));
const EITHER_CASE = [...NOUN_SET].map((n) => `[${n[0]}${n[0]?.toUpperCase()}]${n.slice(1)}`);

/** `the spy`, `the mender of roads`, `Scrooge's nephew`, `the portly gentleman`. */
const DESCRIBED = `((?:the|[A-Z][a-z]+[’']s)\\s+(?:[a-z]+(?:-[a-z]+)?\\s+){0,2}?(?:${EITHER_CASE.join('|')})(?:\\s+of\\s+(?:the\\s+)?[a-z]+)?)`;

/** `the Spy` counts as `the spy`: the person noun lower-cased. */
const lowerNoun = (phrase: string) =>
  phrase
    .split(' ')
    .map((w, i) => (i > 0 && NOUN_SET.has(w.toLowerCase()) ? w.toLowerCase() : w))
    .join(' ');

/** Speech cues right after a closing quote, read in one pass over the text: `said the spy`,
 * `returned the mender of roads`, `the old gentleman replied`. */
const VERB = `(?:${EN_SPEECH_VERB})`;
const CUE = new RegExp(
  `[”"’],?\\s+(?:${VERB}\\s+${DESCRIBED}(?![\\w’'-])|${DESCRIBED}\\s+(?:[a-z]+ly\\s+)?${VERB}\\b)`,
  'g',
);

/** Described people that speak often enough to be somebody: at least this many cues. */
const MIN_CUES = 2;

/** Words before a role noun that make it nobody in particular (`said the other man`). */
const NOT_DESCRIBING = /^(?:the\s+)?(?:other|first|second|last|same|two|three|young|little)\b/;

/**
 * English speakers the text describes rather than names (`the spy`, `the mender of roads`,
 * `Scrooge's nephew`, `the portly gentleman`): a description that is the subject of speech
 * cues at least twice becomes a role, as Chinese `老者`/`妇人` do, so that its cue lines get a
 * speaker. `the nephew` joins `Scrooge's nephew` when the text writes both.
 */
export function englishSpeakingRoles(text: string): EnglishRole[] {
  const counts = new Map<string, number>();
  const where = new Map<string, number[]>();
  // Forms written with a capital noun (`the Spy`), aliases of the role.
  const capitalised = new Map<string, Set<string>>();
  CUE.lastIndex = 0;
  for (let m = CUE.exec(text); m; m = CUE.exec(text)) {
    const written = (m[1] ?? m[2] ?? '').replace(/\s+/g, ' ');
    const phrase = lowerNoun(written);
    if (NOT_DESCRIBING.test(phrase)) continue;
    if (written !== phrase) {
      const forms = capitalised.get(phrase) ?? new Set<string>();
      capitalised.set(phrase, forms.add(written));
    }
    counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
    const at = where.get(phrase) ?? [];
    at.push(m.index);
    where.set(phrase, at);
  }
  const generic = new Map<string, number>();
  GENERIC_WORD.lastIndex = 0;
  for (let m = GENERIC_WORD.exec(text); m; m = GENERIC_WORD.exec(text)) {
    const w = (m[1] as string).toLowerCase();
    generic.set(w, (generic.get(w) ?? 0) + 1);
  }
  const uses = (phrase: string) => generic.get(phrase.split(' ').at(-1) as string) ?? 0;
  const kept = [...counts].filter(([p, n]) => n >= MIN_CUES && n >= uses(p) * GENERIC_SHARE);
  // `Scrooge's nephew` and `the nephew`: one person, under the possessive form.
  const possessive = new Map(
    kept.filter(([p]) => !p.startsWith('the ')).map(([p]) => [p.replace(/^\S+\s/, 'the '), p]),
  );
  const out = new Map<string, EnglishRole>();
  for (const [phrase, n] of kept) {
    const owner = possessive.get(phrase);
    const name = owner ?? phrase;
    const c = out.get(name) ?? { name, aliases: [], score: 0, cues: [] };
    if (owner) c.aliases.push(phrase);
    c.aliases.push(...(capitalised.get(phrase) ?? []));
    c.score += n;
    c.cues.push(...(where.get(phrase) ?? []));
    out.set(name, c);
  }
  return [...out.values()];
}

/** How far around a role's cue the lines answering it are read. */
const AROUND = 1500;
/** Calls that tie a role to one named person: at least this many, and twice any other name's. */
const MIN_CALLS = 3;

/**
 * The named person each role is, where the text shows it: the lines around the role's cues
 * (not the role's own) call one named member by name (`“…, Fred!” said Scrooge's niece` beside
 * `said Scrooge's nephew`; `“Come, come, Mr. Barsad!”` beside `said the spy`), and the role's
 * own lines never call that name. Only slices
 * around the cues are read. Returns role name → named member id.
 */
export function linkRoles(
  roles: readonly EnglishRole[],
  named: readonly CastMember[],
  text: string,
): Map<string, string> {
  const links = new Map<string, string>();
  if (roles.length === 0 || named.length === 0) return links;
  const matcher = new MentionMatcher(named, 'en', true);
  for (const role of roles) {
    // `”, said the spy` / `” the spy replied`: the quote before is the role's own line.
    const forms = [role.name, ...role.aliases].map((f) => f.replace(/^the /, ''));
    const ownCue = new RegExp(`^[\\s,]*(?:[a-z]+\\s+)?(?:the\\s+)?(?:${forms.join('|')})\\b`, 'i');
    const calls = new Map<string, number>();
    const calling = new Set<string>();
    const seen = new Set<number>();
    for (const at of role.cues) {
      const from = Math.max(0, at - AROUND);
      const to = Math.min(text.length, at + AROUND);
      QUOTE.lastIndex = from;
      for (let q = QUOTE.exec(text); q && q.index < to; q = QUOTE.exec(text)) {
        const start = q.index;
        const end = start + q[0].length;
        if (seen.has(start)) continue;
        seen.add(start);
        const own = ownCue.test(text.slice(end, end + 60));
        const quote = {
          span: { start, end },
          inner: { start: start + 1, end: end - 1 },
          paragraph: 0,
          continues: false,
        };
        for (const id of vocatives(text, quote, matcher.find(text, start + 1, end - 1))) {
          if (own) calling.add(id);
          else calls.set(id, (calls.get(id) ?? 0) + 1);
        }
      }
    }
    const [best, second] = [...calls].sort((a, b) => b[1] - a[1]);
    // The role calling that name itself (`“How goes it, Jacques?” said the mender of roads`):
    // a form of address among several people, not the role's own name.
    if (!best || calling.has(best[0])) continue;
    if (best[1] >= MIN_CALLS && best[1] >= 2 * (second?.[1] ?? 0)) links.set(role.name, best[0]);
  }
  for (const role of roles) {
    if (links.has(role.name)) continue;
    const kin = kinOf(role, roles, named, text, matcher) ?? knownAs(role, text, matcher);
    if (kin) links.set(role.name, kin);
  }
  return links;
}

/** How far before a role's first cue the narration may say who it is. */
const KNOWN_BEFORE = 4000;
/** How far after the role's words (`the nephew of Monseigneur`) the name may follow. */
const KNOWN_AFTER = 800;

/**
 * The named person the narration says a role is, just before the role first speaks: `It was the
 * nephew of Monseigneur. … He had been known in England as Charles Darnay.` A `known as` /
 * `called` / `named` statement naming one member, within a short stretch after the role's own
 * words. The scene then calls him only by title or by the role (`Monsieur Charles`, `the nephew`).
 */
function knownAs(role: EnglishRole, text: string, matcher: MentionMatcher): string | undefined {
  const first = Math.min(...role.cues);
  const from = Math.max(0, first - KNOWN_BEFORE);
  const words = [role.name, ...role.aliases].map((f) => f.replace(/^the /, ''));
  const roleWords = new RegExp(`\\bthe (?:${words.join('|')})\\b`, 'g');
  const ids = new Set<string>();
  for (const r of text.slice(from, first).matchAll(roleWords)) {
    const at = from + (r.index ?? 0);
    const stretch = text.slice(at, Math.min(first, at + KNOWN_AFTER));
    for (const k of stretch.matchAll(KNOWN_AS)) {
      const start = at + (k.index ?? 0) + k[0].length;
      const who = matcher.find(text, start, Math.min(text.length, start + 40))[0];
      if (who && who.start === start) ids.add(who.castId);
    }
  }
  return ids.size === 1 ? [...ids][0] : undefined;
}

/** `He had been known in England as `, `she was called `: the name follows. */
const KNOWN_AS =
  /\b(?:[Hh]e|[Ss]he|who)\s+(?:had\s+been|has\s+been|was|is)\s+(?:known|called|named)(?:\s+in\s+[A-Z][a-z]+)?\s+(?:as\s+)?/g;

/** Kin words and the words for the other side of the tie. */
const KIN: Readonly<Record<string, readonly string[]>> = {
  uncle: ['nephew', 'niece'],
  aunt: ['nephew', 'niece'],
  nephew: ['uncle', 'aunt'],
  niece: ['uncle', 'aunt'],
};

/** How far around a kin role's cues a named speaker's `my nephew` is looked for. */
const KIN_AROUND = 6000;

/**
 * `the uncle` is the person the text ties the other side to: the owner of `Scrooge's nephew`
 * (a role of the same book), or the one named speaker who says `my nephew` in the lines around
 * the role's cues (`“Seeking them from me, my nephew,” said the Marquis`), at least twice.
 */
function kinOf(
  role: EnglishRole,
  roles: readonly EnglishRole[],
  named: readonly CastMember[],
  text: string,
  matcher: MentionMatcher,
): string | undefined {
  const word = /^the (\w+)$/.exec(role.name)?.[1];
  const other = word ? KIN[word] : undefined;
  if (!other) return undefined;
  for (const r of roles) {
    const owner = new RegExp(`^(.+)[’']s (?:${other.join('|')})$`).exec(r.name)?.[1];
    const id = owner
      ? named.find((m) => m.name === owner || m.aliases.includes(owner))?.id
      : undefined;
    if (id) return id;
  }
  const says = new RegExp(
    `[“"][^”"]*\\bmy (?:${other.join('|')})\\b[^”"]*[”"],?\\s+(?:${VERB})\\s+`,
    'gi',
  );
  const votes = new Map<string, number>();
  // Slices around the cues, each read once (not the whole text between the first and last).
  let readTo = 0;
  for (const cue of [...role.cues].sort((a, b) => a - b)) {
    const from = Math.max(readTo, cue - KIN_AROUND);
    const to = Math.min(text.length, cue + KIN_AROUND);
    if (from >= to) continue;
    readTo = to;
    for (const m of text.slice(from, to).matchAll(says)) {
      const at = from + (m.index ?? 0) + m[0].length;
      const who = matcher.find(text, at, Math.min(text.length, at + 40))[0];
      if (!who || !/^(?:the\s+)?$/i.test(text.slice(at, who.start))) continue;
      votes.set(who.castId, (votes.get(who.castId) ?? 0) + 1);
    }
  }
  if (votes.size !== 1) return undefined;
  const [[id, n]] = [...votes] as [[string, number]];
  return n >= 2 ? id : undefined;
}

/** A quote on one paragraph, curly or straight marks. */
const QUOTE = /“[^”“\n]*(?:\n(?!\s*\n)[^”“\n]*)*”|"[^"\n]*(?:\n(?!\s*\n)[^"\n]*)*"/g;
