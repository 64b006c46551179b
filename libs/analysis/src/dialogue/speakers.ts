import type { Language, Span } from '@storyboard/domain';
import type { Mention, MentionIndex } from '../characters/mentions';
import type { Quote } from './quotes';
import { pushTo } from '../util/push-to';

const EN_SPEECH_VERB =
  'said|says|cried|asked|replied|answered|exclaimed|shouted|whispered|muttered|called|added|continued|began|thought|remarked|observed|returned|repeated|inquired|demanded|roared|screamed|sobbed|sighed|growled|pleaded|interrupted|yelled|murmured|protested|resumed|rejoined|retorted|explained|suggested|persisted|insisted|went on|said to|shrieked|snapped|laughed|cries|asks|replies|answers|whispers|shouts';
/** `said Alice`, `said the Queen`: a verb then (the) name at the start of the narration after a
 * quote. */
const EN_VERB_THEN_NAME = new RegExp(`^[\\s,;:—–-]*(?:${EN_SPEECH_VERB})\\s+(?:the\\s+)?$`, 'i');
/** `Alice said`, `the Queen shouted angrily`: a name then a verb. */
const EN_NAME_THEN_VERB = new RegExp(`^\\s*(?:[a-z]+ly\\s+)?(?:${EN_SPEECH_VERB})\\b`, 'i');
const ZH_CUE_AT_END =
  /(?:道|说|问|曰|叫|喝|嚷|喊|答|骂|哭|叹|笑|吩咐|告诉|言)[^，。！？\u4e00-\u9fff]{0,3}[：:，,]?\s*$/;
const ZH_SENTENCE_END = /[。！？；…]/g;

/**
 * Who speaks each quote, as a cast id or null. Cues: English `said Alice`, `Alice said`,
 * `cried the Queen`, either side of the quote; Chinese `X道：` / `X笑道：` / `X问：` before it.
 * A quote without a cue takes the cue of its paragraph, a continued speech keeps its speaker,
 * and a bare line in an exchange between two people alternates between them.
 */
export function attributeSpeakers(
  text: string,
  paragraphs: readonly Span[],
  quotes: readonly Quote[],
  index: MentionIndex,
  language: Language,
): (string | null)[] {
  const speakers: (string | null)[] = quotes.map(() => null);
  const byParagraph = new Map<number, number[]>();
  quotes.forEach((q, i) => pushTo(byParagraph, q.paragraph, i));
  const paragraphSpeaker = new Map<number, string | null>();
  const narrationOnly = new Set<number>();
  /** `Pell turned to Mara and said, “…”`: the one other person in a speaker's paragraph. */
  const addressee = new Map<number, string>();
  for (const [pi, indexes] of byParagraph) {
    const p = paragraphs[pi] as Span;
    const mentions = index.between(p.start, p.end);
    const near = (start: number, end: number) => index.between(start, end);
    const cues: Cue[] = indexes.map((qi, k): Cue => {
      const q = quotes[qi] as Quote;
      const prevEnd = k > 0 ? (quotes[indexes[k - 1] as number] as Quote).span.end : p.start;
      const nextQuote = indexes[k + 1];
      const nextStart = nextQuote !== undefined ? (quotes[nextQuote] as Quote).span.start : p.end;
      return language === 'zh'
        ? chineseCue(text, prevEnd, q.span.start, near)
        : firstCue(englishCueAfter(text, q.span.end, nextStart, near), () =>
            englishCueBefore(text, prevEnd, q.span.start, near),
          );
    });
    // An action beat before the speech (`Mara laughed. “…”`): its subject speaks.
    const first = quotes[indexes[0] as number] as Quote;
    if (!cues.some((c) => c !== undefined)) {
      const subject = leadingSubject(text, p.start, first.span.start, mentions, language);
      if (subject) cues.fill(subject);
    }
    const found = cues.filter((c): c is string => typeof c === 'string');
    const unique = new Set(found);
    const anyCue = cues.some((c) => c !== undefined);
    indexes.forEach((qi, k) => {
      const q = quotes[qi] as Quote;
      const cue = cues[k];
      let s: string | null = cue ?? null;
      // English `‘…,’ said Alice, ‘…’`: the paragraph's one speaker speaks all its uncued quotes.
      // Chinese paragraphs often hold several speakers, each with its own cue: no inheritance.
      if (cue === undefined && language !== 'zh') {
        if (unique.size === 1) s = found[0] ?? null;
        else if (k > 0) s = speakers[indexes[k - 1] as number] ?? null;
      }
      if (cue === undefined && !anyCue && q.continues && qi > 0) s = speakers[qi - 1] ?? null;
      speakers[qi] = s;
    });
    paragraphSpeaker.set(pi, speakers[indexes[0] as number] ?? null);
    if (!anyCue && mentions.length === 0) narrationOnly.add(pi);
    const own = speakers[indexes[0] as number];
    const others = new Set(mentions.map((m) => m.castId).filter((id) => id !== own));
    if (own && others.size === 1) addressee.set(pi, [...others][0] as string);
  }
  // Alternation: A, B, then an uncued line in the next paragraph is A again.
  const dialogueParagraphs = [...byParagraph.keys()].sort((a, b) => a - b);
  for (let k = 1; k < dialogueParagraphs.length; k++) {
    const pi = dialogueParagraphs[k] as number;
    const p1 = dialogueParagraphs[k - 1] as number;
    const p2 = dialogueParagraphs[k - 2] ?? -1;
    if (paragraphSpeaker.get(pi) !== null || !narrationOnly.has(pi)) continue;
    if (p1 !== pi - 1) continue;
    const b = paragraphSpeaker.get(p1);
    const a = addressee.get(p1) ?? (p2 === pi - 2 ? paragraphSpeaker.get(p2) : undefined);
    if (!a || !b || a === b) continue;
    paragraphSpeaker.set(pi, a);
    for (const qi of byParagraph.get(pi) ?? []) speakers[qi] = a;
  }
  return speakers;
}

/** A cast id when a cue names a known speaker, null when a cue names someone unknown (`said
 * he`, `一个小妖道`), undefined when there is no cue at all. */
type Cue = string | null | undefined;

/** The cast mentions inside [start, end). */
type Near = (start: number, end: number) => Mention[];

const EN_PRONOUN_CUE = new RegExp(
  `^[\\s,;:—–-]*(?:(?:${EN_SPEECH_VERB})\\s+(?:he|she|they|I|we|the\\s+\\w+|a\\s+\\w+)\\b|(?:he|she|they|I|we)\\s+(?:[a-z]+ly\\s+)?(?:${EN_SPEECH_VERB})\\b)`,
  'i',
);

function firstCue(cue: Cue, otherwise: () => Cue): Cue {
  return cue !== undefined ? cue : otherwise();
}

/** The cast member that opens the paragraph's narration, when that narration is a finished
 * sentence right before the quote (`Holt snatched them. “At last.”`). */
function leadingSubject(
  text: string,
  from: number,
  to: number,
  mentions: readonly Mention[],
  language: Language,
): string | undefined {
  const lead = text.slice(from, to);
  if (!/[.!?。！？：:]$/.test(lead.trimEnd())) return undefined;
  const first = mentions[0];
  if (!first || first.start >= to) return undefined;
  const before = text.slice(from, first.start);
  const ok =
    language === 'zh' ? /^(?:那|这|只见|却说)?$/.test(before) : /^(?:the\s+)?$/i.test(before);
  return ok ? first.castId : undefined;
}

/** `‘…,’ said Alice` / `‘…’ the Queen said`. */
function englishCueAfter(text: string, from: number, to: number, near: Near): Cue {
  const end = Math.min(to, from + 80);
  for (const m of near(from, end)) {
    const before = text.slice(from, m.start);
    if (EN_VERB_THEN_NAME.test(before)) return m.castId;
    if (/^[\s,;:—–-]*(?:the\s+)?$/i.test(before) && EN_NAME_THEN_VERB.test(text.slice(m.end, end)))
      return m.castId;
    break;
  }
  return EN_PRONOUN_CUE.test(text.slice(from, end)) ? null : undefined;
}

/** `Alice said, ‘…’` / `said the Queen: ‘…’`: the cue ends right before the quote. */
function englishCueBefore(text: string, from: number, to: number, near: Near): Cue {
  const start = Math.max(from, to - 120);
  const segment = text.slice(start, to);
  const tail =
    /(?:(?<!\b(?:Mr|Mrs|Ms|Dr|St))[.!?;]\s+|^)((?:[^.!?;]|(?<=\b(?:Mr|Mrs|Ms|Dr|St))\.)*)$/.exec(
      segment,
    );
  const clauseStart = start + (tail ? segment.length - (tail[1]?.length ?? 0) : 0);
  const clause = text.slice(clauseStart, to);
  if (!new RegExp(`\\b(?:${EN_SPEECH_VERB})\\b[^!?]*$`, 'i').test(clause)) return undefined;
  const inClause = near(clauseStart, to);
  const first = inClause[0];
  if (!first) return null;
  const verbAfterName =
    EN_NAME_THEN_VERB.test(text.slice(first.end, to)) ||
    /^\s+[a-z]+(?:ed|s)\b/.test(text.slice(first.end, to));
  return verbAfterName || inClause.length === 1 ? first.castId : null;
}

/** `行者笑道：“…”`: the first cast name in the sentence that ends with the cue. */
function chineseCue(text: string, from: number, to: number, near: Near): Cue {
  if (!ZH_CUE_AT_END.test(text.slice(Math.max(from, to - 40), to))) return undefined;
  const segment = text.slice(from, to);
  let sentenceStart = from;
  ZH_SENTENCE_END.lastIndex = 0;
  for (let m = ZH_SENTENCE_END.exec(segment); m; m = ZH_SENTENCE_END.exec(segment)) {
    if (from + m.index + 1 < to - 1) sentenceStart = from + m.index + 1;
  }
  const subject = near(sentenceStart, to)[0];
  return subject?.castId ?? null;
}
