import type { Cue, Near } from './cue';

/** Verbs that introduce speech. Any other past-tense verb right after a quote that ends with a
 * comma, `!` or `?` (`“A ship,” Tom agreed`) is a cue too. */
export const EN_SPEECH_VERB =
  'said|says|say|cried|asked|replied|answered|exclaimed|shouted|whispered|muttered|called|added|continued|began|thought|remarked|observed|returned|repeated|inquired|demanded|roared|screamed|sobbed|sighed|growled|pleaded|interrupted|yelled|murmured|protested|resumed|rejoined|retorted|explained|suggested|persisted|insisted|went on|said to|shrieked|snapped|laughed|cries|asks|replies|answers|whispers|shouts|pursued|made answer|told|agreed|urged|grumbled|groaned|gasped|stammered|faltered|panted|moaned|ejaculated|echoed|responded|put in|broke in|struck in';

const VERB = `(?:${EN_SPEECH_VERB})`;
const ANY_VERB = `(?:${EN_SPEECH_VERB}|[a-z]{3,}ed)`;
const LEAD = '^[\\s,;:—–-]*';
const PRONOUN = '(he|she|I)';

const VERB_THEN_NAME = new RegExp(`${LEAD}${VERB}\\s+(?:the\\s+)?$`, 'i');
const VERB_THEN_YOUNG = new RegExp(`${LEAD}${VERB}\\s+young\\s+$`, 'i');
const ANY_VERB_THEN_NAME = new RegExp(`${LEAD}${ANY_VERB}\\s+(?:the\\s+)?$`);
const NAME_THEN_VERB = new RegExp(`^\\s*(?:[a-z]+ly\\s+)?${VERB}\\b`, 'i');
const NAME_THEN_ANY_VERB = new RegExp(`^\\s*(?:[a-z]+ly\\s+)?${ANY_VERB}\\b`);
const PRONOUN_AFTER = new RegExp(
  `${LEAD}(?:${ANY_VERB}\\s+${PRONOUN}\\b|${PRONOUN}\\s+(?:[a-z]+ly\\s+)?${ANY_VERB}\\b)`,
);
const SOMEONE_AFTER = new RegExp(
  `${LEAD}(?:${VERB}\\s+(?:they|we|the\\s+\\w+|a\\s+\\w+|an\\s+\\w+|one\\s+of)\\b|(?:they|we)\\s+(?:[a-z]+ly\\s+)?${VERB}\\b)`,
  'i',
);
// `“Magnificent!” croaked the man with the craving`: after a quote that runs on into its cue,
// any past-tense verb before a described subject is a cue naming nobody in the cast.
const SOMEONE_ANY_VERB_AFTER = new RegExp(`${LEAD}${ANY_VERB}\\s+(?:the|a|an)\\s+[a-z]+\\b`);
const VERB_BEFORE = new RegExp(`\\b${VERB}\\b`, 'i');
// `turned from him to Sydney Carton, and said`; not `a reminder to Defarge, to say`.
const AND_VERB = new RegExp(`^[\\s,]*and\\s+(?:[a-z]+ly\\s+)?${VERB}\\b`, 'i');
const OBJECT_BEFORE = /\b(?:to|at|upon|towards?|with|into)\s+(?:the\s+)?$/i;
// `said the spy, … ` before the name; not `said his friend Stryver` (the name is the subject).
const OTHER_SUBJECT_CUE = new RegExp(`\\b${VERB}\\s+(?:the|a|an|his|her)\\s+[a-z][^,;]*[,;]`, 'i');
const VERB_IN_CLAUSE = new RegExp(`\\b${VERB}\\b[^!?]*$`, 'i');
const PRONOUN_IN_CLAUSE = new RegExp(
  `\\b(?:${PRONOUN}\\s+(?:[a-z]+ly\\s+)?${VERB}|${VERB}\\s+${PRONOUN})\\b[^!?]*$`,
);

/** `‘…,’ said Alice` / `‘…’ the Queen said` / `“A ship,” Tom agreed` / `said he`. `quoteEnd` is
 * the last character inside the quote (its punctuation tells a cue from a new sentence). */
export function englishCueAfter(text: string, from: number, to: number, near: Near): Cue {
  const end = Math.min(to, from + 80);
  const inner = text.charAt(from - 2);
  const open = /[,!?—–\-…]/.test(inner);
  const first = near(from, end)[0];
  // `“Certainly.” Madame sternly retorted, “I tell you…”`: after a closed sentence, a cue that
  // runs into the next quote introduces that one.
  const leadsOn = !open && to <= end && /[,:]\s*$/.test(text.slice(from, to));
  if (first && !leadsOn) {
    const before = text.slice(from, first.start);
    const after = text.slice(first.end, end);
    if (VERB_THEN_NAME.test(before) || (open && ANY_VERB_THEN_NAME.test(before)))
      return first.castId;
    // `said young Alec Cunningham`: a full name after `young` (not `young Jerry`, the son).
    if (VERB_THEN_YOUNG.test(before) && text.slice(first.start, first.end).includes(' '))
      return first.castId;
    if (/^[\s,;:—–-]*(?:the\s+)?$/i.test(before)) {
      if (NAME_THEN_VERB.test(after) || (open && NAME_THEN_ANY_VERB.test(after)))
        return first.castId;
    }
  }
  const window = text.slice(from, end);
  const spouse = SPOUSE_AFTER.exec(window);
  if (spouse) return spouseOf(text, from, near, /husband/.test(spouse[0]) ? 'husband' : 'wife');
  const p = open ? PRONOUN_AFTER.exec(window) : null;
  if (p && (!first || first.start - from > p[0].length)) {
    const word = (p[1] ?? p[2] ?? '') as 'he' | 'she' | 'I';
    return { pronoun: word };
  }
  return SOMEONE_AFTER.test(window) || (open && SOMEONE_ANY_VERB_AFTER.test(window))
    ? null
    : undefined;
}

/** `said her husband` / `his wife replied`. */
const SPOUSE_AFTER = new RegExp(
  `${LEAD}(?:${ANY_VERB}\\s+(?:her\\s+husband|his\\s+wife)\\b|(?:her\\s+husband|his\\s+wife)\\s+(?:[a-z]+ly\\s+)?${ANY_VERB}\\b)`,
);
/** How far back the married pair is looked for. */
const SPOUSE_BEFORE = 3000;
const WIFE_FORM = /^(?:Madame|Mrs\.)\s+(\S+)$/;

/** `“Gentlemen,” said her husband` after `Madame Defarge` is named: the one other member the
 * lines before write under her surname (`Defarge`, `Monsieur Defarge`), and the reverse for
 * `his wife`. Null (someone the cast does not name) when the text shows no such pair. */
function spouseOf(text: string, from: number, near: Near, who: 'husband' | 'wife'): Cue {
  const seen = near(Math.max(0, from - SPOUSE_BEFORE), from).map((m) => ({
    id: m.castId,
    form: text.slice(m.start, m.end),
  }));
  const wives = seen.filter((m) => WIFE_FORM.test(m.form));
  const surnames = new Set(wives.map((m) => WIFE_FORM.exec(m.form)?.[1] as string));
  const husbands = seen.filter(
    (m) =>
      !WIFE_FORM.test(m.form) &&
      [...surnames].some((x) => m.form === x || m.form.endsWith(` ${x}`)) &&
      !wives.some((w) => w.id === m.id),
  );
  const ids = new Set((who === 'husband' ? husbands : wives).map((m) => m.id));
  return ids.size === 1 ? ([...ids][0] as string) : null;
}

/** `Alice said, ‘…’` / `said the Queen: ‘…’` / `he said, “…”`: the cue ends right before the
 * quote, in the same clause. */
export function englishCueBefore(text: string, from: number, to: number, near: Near): Cue {
  const start = Math.max(from, to - 120);
  const segment = text.slice(start, to);
  const tail =
    /(?:(?<!\b(?:Mr|Mrs|Ms|Dr|St))[.!?;]\s+|^)((?:[^.!?;]|(?<=\b(?:Mr|Mrs|Ms|Dr|St))\.)*)$/.exec(
      segment,
    );
  const clauseStart = start + (tail ? segment.length - (tail[1]?.length ?? 0) : 0);
  const clause = text.slice(clauseStart, to);
  if (!VERB_IN_CLAUSE.test(clause)) return undefined;
  const inClause = near(clauseStart, to);
  const first = inClause[0];
  if (!first) {
    const p = PRONOUN_IN_CLAUSE.exec(clause);
    return p ? { pronoun: (p[1] ?? p[2]) as 'he' | 'she' | 'I' } : null;
  }
  const verbAfterName =
    NAME_THEN_VERB.test(text.slice(first.end, to)) ||
    /^\s+[a-z]+(?:ed|s)\b/.test(text.slice(first.end, to));
  if (verbAfterName) return first.castId;
  // `…and he and the Doctor were left together, Mr. Lorry said, feelingly:` — a later name
  // that a speech verb follows.
  const speaker = inClause.findLast((m) => NAME_THEN_VERB.test(text.slice(m.end, to)));
  if (speaker) return speaker.castId;
  // `said the spy, … as he turned to Mr. Lorry, “…”`: the one name is not the speaker when it
  // is the object of a preposition in the cue, or follows another subject's cue.
  const lead = text.slice(clauseStart, first.start);
  const object =
    (OBJECT_BEFORE.test(lead) &&
      (VERB_BEFORE.test(lead) || AND_VERB.test(text.slice(first.end, to)))) ||
    OTHER_SUBJECT_CUE.test(lead);
  return inClause.length === 1 && !object ? first.castId : null;
}

/** `Defarge closed the door carefully, and spoke in a subdued voice:` / `Carton was the first to
 * speak:`: the last sentence of a narration that introduces the next speech opens with a cast
 * name (`Then`/`At last` before it at most) and names nobody else; that one speaks. `to` is just
 * past the colon. */
export function introducingSubject(text: string, from: number, to: number, near: Near): Cue {
  const segment = text.slice(from, to);
  const starts = [...segment.matchAll(/(?<!\b(?:Mr|Mrs|Ms|Dr|St))[.!?;][”’"]?\s+/g)];
  const last = starts.at(-1);
  const start = from + (last ? (last.index ?? 0) + last[0].length : 0);
  const named = near(start, to);
  const first = named[0];
  if (!first || named.some((m) => m.castId !== first.castId)) return undefined;
  const lead = text.slice(start, first.start);
  return /^\s*(?:(?:then|at last|at length|again),?\s+)?(?:the\s+)?$/i.test(lead) &&
    !/^'s\b|^’s\b/.test(text.slice(first.end, first.end + 2))
    ? first.castId
    : undefined;
}
