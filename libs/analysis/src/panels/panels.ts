import type { DialogueLine, Language, Panel, Span } from '@storyboard/domain';
import type { MentionIndex } from '../characters/mentions';
import type { Quote } from '../dialogue/quotes';
import { artNote, type PanelFacts } from './art-note';
import { chooseShot } from './shots';
import { EN_SPEECH_VERB } from '../dialogue/english-cues';
import { isJsSpace } from '../util/blank';
import { endsWithMatch, trimmedEnd } from '../util/tail';

type SpokenQuote = { quote: Quote; speaker: string | null };

/** Paragraphs that make one panel, their quotes, and the span from the first's start to the
 * last's end. */
interface Beat {
  paragraphs: Span[];
  quotes: SpokenQuote[];
  start: number;
  end: number;
}

export interface PanelInput {
  text: string;
  /** The scene's paragraphs, in order. */
  paragraphs: readonly Span[];
  /** Quotes of those paragraphs with their speakers, in order. */
  quotes: readonly SpokenQuote[];
  mentions: MentionIndex;
  language: Language;
  /** Cast id → name, to describe a panel that is all speech. */
  names?: ReadonlyMap<string, string>;
  /** The scene's place, when the text states it (for the art notes). */
  location?: string;
}

const MAX_DESCRIPTION = 200;
const MAX_NARRATION = 400;

/** Beats of a scene: each dialogue paragraph (with the paragraphs its speech runs on into), and
 * runs of narration up to a size, each becoming one panel. Spans are offsets into `text`. */
export function buildPanels(input: PanelInput): Panel[] {
  const { text, paragraphs, quotes, language } = input;
  const beatChars = language === 'zh' ? 350 : 700;
  const beats: Beat[] = [];
  // Both lists are in text order: one pointer hands each paragraph the quotes that start in it
  // (a quote starting between paragraphs belongs to none).
  let k = 0;
  for (const p of paragraphs) {
    while (k < quotes.length && (quotes[k] as SpokenQuote).quote.span.start < p.start) k++;
    const from = k;
    while (k < quotes.length && (quotes[k] as SpokenQuote).quote.span.start < p.end) k++;
    const last = beats[beats.length - 1];
    const fits = last !== undefined && last.end - last.start + (p.end - p.start) <= beatChars;
    if (k > from) {
      // A speech carried on over paragraphs stays one panel while it is one beat long; a story
      // told over many paragraphs gets a panel per beat.
      if (last && last.quotes.length > 0 && (quotes[from] as SpokenQuote).quote.continues && fits) {
        last.paragraphs.push(p);
        for (let i = from; i < k; i++) last.quotes.push(quotes[i] as SpokenQuote);
        last.end = p.end;
      } else
        beats.push({ paragraphs: [p], quotes: quotes.slice(from, k), start: p.start, end: p.end });
      continue;
    }
    if (last && last.quotes.length === 0 && fits) {
      last.paragraphs.push(p);
      last.end = p.end;
    } else beats.push({ paragraphs: [p], quotes: [], start: p.start, end: p.end });
  }
  const names = input.names ?? new Map<string, string>();
  const panels: Panel[] = [];
  let previousSpeakers: (string | null)[] = [];
  for (const beat of beats) {
    const span = { start: beat.start, end: beat.end };
    const told = narrationOf(text, beat.paragraphs, beat.quotes, language === 'zh');
    const narration = collapse(told.text);
    const dialogue: DialogueLine[] = [];
    for (const { quote, speaker } of beat.quotes) {
      const words = collapse(text.slice(quote.inner.start, quote.inner.end));
      if (!words) continue;
      const prev = dialogue[dialogue.length - 1];
      if (quote.continues && prev && prev.speaker === speaker) prev.text = `${prev.text} ${words}`;
      else dialogue.push({ speaker, text: words });
    }
    const speakers = dialogue.map((d) => d.speaker);
    const characters: string[] = [];
    for (const m of input.mentions.between(span.start, span.end))
      if (!characters.includes(m.castId)) characters.push(m.castId);
    for (const s of speakers) if (s && !characters.includes(s)) characters.push(s);
    const shot = chooseShot({
      opensScene: panels.length === 0,
      narration,
      speakers,
      previousSpeakers,
      language,
    });
    // The art note: what the panel shows (framing, who speaks to whom, the place or object in
    // view), not the narration again — the caption box carries that, the balloons the words.
    const listener = previousSpeakers.findLast((s) => s !== null && !speakers.includes(s));
    const speakerIds: string[] = [];
    for (const s of speakers) if (s !== null && !speakerIds.includes(s)) speakerIds.push(s);
    const facts: PanelFacts = {
      shot,
      language,
      narration,
      inFrame: namesOf(characters, names),
      speakers: namesOf(speakerIds, names),
    };
    if (told.actions[0]) facts.action = clip(told.actions[0], MAX_DESCRIPTION);
    if (listener) facts.listener = names.get(listener) ?? listener;
    if (input.location) facts.location = input.location;
    const description = artNote(facts);
    const index = panels.length + 1;
    // Written out in both shapes: the key order is the JSON's.
    panels.push(
      narration
        ? {
            index,
            shot,
            description,
            characters,
            dialogue,
            narration: clip(narration, MAX_NARRATION),
            span,
          }
        : { index, shot, description, characters, dialogue, span },
    );
    previousSpeakers = speakers;
  }
  return panels;
}

/** Cast ids → names (an id the map lacks stands for itself). */
function namesOf(ids: readonly string[], names: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const id of ids) out.push(names.get(id) ?? id);
  return out;
}

/** The narration of a beat: its text outside the quotes, without the speech cues that tie a
 * quote to its speaker (`said Elsie.` → nothing; `林风笑道：` → nothing). A cue after a quote
 * goes with the rest of its sentence: `said Elsie, pressing her nose to the window.` is what
 * Elsie does as she speaks (`actions`, for the art note), not a caption shown before her line;
 * `said Tom, and walked out.` leaves `Tom walked out.` */
function narrationOf(
  text: string,
  paragraphs: readonly Span[],
  quotes: readonly SpokenQuote[],
  zh: boolean,
): { text: string; actions: string[] } {
  const parts: string[] = [];
  const actions: string[] = [];
  // Both lists are in text order: one pointer walks the quotes along the paragraphs.
  let k = 0;
  for (const p of paragraphs) {
    let at = p.start;
    let afterQuote = false;
    while (k < quotes.length && (quotes[k] as SpokenQuote).quote.span.start < p.start) k++;
    for (; k < quotes.length && (quotes[k] as SpokenQuote).quote.span.start < p.end; k++) {
      const q = (quotes[k] as SpokenQuote).quote;
      parts.push(withoutCue(text.slice(at, q.span.start), afterQuote, true, actions, zh));
      at = Math.min(p.end, q.span.end);
      afterQuote = true;
    }
    parts.push(withoutCue(text.slice(at, p.end), afterQuote, false, actions, zh));
  }
  return { text: parts.join(' '), actions };
}

const EN_VERB = `(?:${EN_SPEECH_VERB}|[a-z]{3,}ed)`;
/** `, said Elsie` / `, the Captain said` / `, he said slowly` at the start of a part after a quote. */
const EN_CUE_AFTER = new RegExp(
  `^[\\s,;:—–-]*(?:${EN_VERB}\\s+(?=(?:the\\s+)?[A-Z]|he\\b|she\\b|I\\b|they\\b)|(?:he|she|I|they)\\s+(?:[a-z]+ly\\s+)?${EN_VERB}\\b[^.!?;]*[.!?;]?|((?:the\\s+)?[A-Z][\\w.’'-]*(?:\\s+[A-Z][\\w’'-]*)*)\\s+(?:[a-z]+ly\\s+)?(?:${EN_SPEECH_VERB})\\b[,;:.]?)`,
);
/** `Tom said,` / `林风笑道：` at the end of a part before a quote. */
const EN_CUE_BEFORE = new RegExp(`\\s*(?:,|\\b(?:${EN_SPEECH_VERB})\\b)[\\s,:]*$`);
const ONLY_A_NAME = /^\s*(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w’'-]*)*\s*[.,;:!?]?\s*$/;
const UNNAMED_CUE = new RegExp(
  `^[\\s,;:—–-]*${EN_VERB}\\s+(?:a|an|the|one|some)\\s+[\\w\\s-]{1,30}[.!?]?\\s*$`,
);
/** Longer than any cue the end-anchored patterns below can match, trailing spaces included. */
const CUE_TAIL = 60;
const ZH_CUE_BEFORE = /(?:笑道|叫道|喝道|问道|骂道|答道|说道|道|说|问|曰|叫起来|喊道)[：:，,]?\s*$/;
/** The longest `ZH_CUE_BEFORE` match without its trailing white space (`叫起来：`). */
const ZH_CUE_MAX = 4;

function withoutCue(
  part: string,
  afterQuote: boolean,
  beforeQuote: boolean,
  actions: string[],
  zh: boolean,
): string {
  let out = part;
  // The English cue patterns need a Latin capital or a speech verb: none in Chinese narration.
  if (afterQuote && !zh) {
    const cue = cueSentence(out);
    if (cue?.action) actions.push(cue.action);
    out = cue
      ? cue.rest
      : out.replace(EN_CUE_AFTER, (_m, name: string | undefined) => (name ? `${name} ` : ''));
    // Nothing but the speaker's name left (`whispered Elsie.`, `said a voice.`): no caption.
    if (ONLY_A_NAME.test(out) || UNNAMED_CUE.test(out)) return '';
  }
  if (beforeQuote) {
    // Only the cue itself goes (`林小雨道：`, `Tom said,`); an action before it stays whole.
    // The end-anchored cue patterns are tried on the part's last characters first: a pattern
    // anchored at the end is otherwise tried from every position of a long narration part.
    let rest = out;
    if (
      endsWithMatch(ZH_CUE_BEFORE, out, Math.max(0, out.length - CUE_TAIL), out.length, ZH_CUE_MAX)
    )
      rest = withoutZhCueBefore(rest);
    if (
      mayEndWithEnglishCue(rest) &&
      EN_CUE_BEFORE.test(rest.length > CUE_TAIL ? rest.slice(-CUE_TAIL) : rest)
    )
      rest = rest.replace(EN_CUE_BEFORE, '');
    // Nothing cut, nothing to compare: the part stays as it is.
    if (rest !== out) {
      rest = rest.trim();
      if (
        rest !== out.trim() &&
        rest.replace(/^[A-Z][\w.’'-]*(?:\s+[A-Z][\w’'-]*)*$/, '').length <= 6
      )
        return '';
    }
    if (endsWithColon(out) && /[\u4e00-\u9fff]/.test(out)) out = out.replace(/[：:]\s*$/, '。');
  }
  return out;
}

/** `part.replace(ZH_CUE_BEFORE, '')` on the part's end only: a match is at most `ZH_CUE_MAX`
 * characters and the part's trailing white space, so it starts inside that window (as in
 * `endsWithMatch`), and the pattern alone would be tried from every position of a long part. */
function withoutZhCueBefore(part: string): string {
  const from = Math.max(0, trimmedEnd(part, 0, part.length) - ZH_CUE_MAX);
  return part.slice(0, from) + part.slice(from).replace(ZH_CUE_BEFORE, '');
}

/** Whether `EN_CUE_BEFORE` can match: it needs a comma among the part's trailing `[\s,:]` run or
 * a speech verb — a word ending in a lowercase letter — right before that run. Read from the end,
 * this rules out most parts (all Chinese ones) without trying the pattern. */
function mayEndWithEnglishCue(s: string): boolean {
  let e = s.length;
  for (; e > 0; e--) {
    const c = s.charCodeAt(e - 1);
    if (c === 0x2c) return true;
    if (c !== 0x3a && !isJsSpace(c)) break;
  }
  const c = s.charCodeAt(e - 1);
  return c >= 0x61 && c <= 0x7a;
}

/** `/[：:]\s*$/.test(s)` read from the end: the pattern alone is tried from every position. */
function endsWithColon(s: string): boolean {
  const c = s.charCodeAt(trimmedEnd(s, 0, s.length) - 1);
  return c === 0xff1a || c === 0x3a;
}

const NAME = `(?:the\\s+)?[A-Z][\\w.’'-]*(?:\\s+[A-Z][\\w’'-]*)*`;
/** A cue opening the narration after a quote, `said Elsie` / `Tom agreed` / `he said slowly`,
 * then the rest of its sentence. */
const CUE_SENTENCE = new RegExp(
  `^[\\s,;:—–-]*(?:${EN_VERB}\\s+(${NAME}|he|she|I|they)|(${NAME}|he|she|I|they)\\s+(?:[a-z]+ly\\s+)?(?:${EN_SPEECH_VERB}))\\b(?:\\s+[a-z]+ly\\b)?([^.!?;]*)([.!?;]?)`,
);
const PRONOUNS: Readonly<Record<string, string>> = { he: 'He', she: 'She', I: 'I', they: 'They' };

/** `said Elsie, pressing her nose to the window. She was nine.` → action `Elsie, pressing her
 * nose to the window`, rest `She was nine.`; `said Tom, and walked out.` → rest `Tom walked
 * out.` Undefined when the part does not open with a cue. */
function cueSentence(part: string): { action?: string; rest: string } | undefined {
  const m = CUE_SENTENCE.exec(part);
  if (!m) return describedCue(part);
  const who = (m[1] ?? m[2] ?? '') as string;
  const tail = (m[3] ?? '').trim();
  const after = part.slice(m[0].length).trimStart();
  if (!tail || /^[,—–-]?$/.test(tail)) return { rest: after };
  const and = /^[,;]?\s*and\s+(?=[a-z])/.exec(tail);
  if (and) {
    const subject = PRONOUNS[who] ?? who.charAt(0).toUpperCase() + who.slice(1);
    return { rest: `${subject} ${tail.slice(and[0].length)}${m[4] ?? '.'} ${after}` };
  }
  if (!tail.startsWith(',') || PRONOUNS[who]) return undefined;
  return { action: `${who}, ${tail.slice(1).trim()}`, rest: after };
}

/** `said the guard, in gruff soliloquy.` / `muttered her husband.` / `repeated madame.`: a speech
 * verb, then a speaker the text describes rather than names, to the end of the sentence. */
const DESCRIBED_CUE = new RegExp(
  `^[\\s,;:—–-]*(?:${EN_SPEECH_VERB})\\s+((?:the|this|that|his|her|their|my|our|a|an|one|some)\\s[^.!?;]*|[a-z][\\w’'-]*(?:\\s+[A-Za-z][\\w’'-]*){0,2}(?=[,.!?;]|\\s*$)[^.!?;]*)([.!?;]?)`,
);

/** A cue naming a described speaker: the whole sentence is what they do as they speak. */
function describedCue(part: string): { action?: string; rest: string } | undefined {
  const m = DESCRIBED_CUE.exec(part);
  if (!m) return undefined;
  const action = (m[1] ?? '')
    .trim()
    .replace(/[,—–-]+$/, '')
    .trim();
  return { ...(action ? { action } : {}), rest: part.slice(m[0].length).trimStart() };
}

export function collapse(s: string): string {
  // Most Chinese parts hold no white space at all: only leading punctuation can go. (A regex test
  // rather than a loop over the characters: this runs for every part of every panel, mostly
  // before the JIT has compiled anything, where native pattern code is far the faster.)
  if (!ANY_SPACE.test(s)) {
    let k = 0;
    while (k < s.length && isLeadingPunctuation(s.charCodeAt(k))) k++;
    return k === 0 ? s : s.slice(k);
  }
  return s
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:—–-]+/, '')
    .trim();
}

const ANY_SPACE = /\s/;

/** `,;:—–-` */
function isLeadingPunctuation(c: number): boolean {
  return c === 0x2c || c === 0x3b || c === 0x3a || c === 0x2014 || c === 0x2013 || c === 0x2d;
}

/** The first sentence, clipped to a caption's length. */
export function firstSentence(text: string, language: Language): string {
  const s = text.length > 2000 ? text.slice(0, 2000) : text;
  const m =
    language === 'zh'
      ? /^.*?[。！？](?:[”’」』])?/.exec(s)
      : /^.*?[.!?](?:[”’"'])?(?=\s|$)/.exec(s);
  return clip(m && m[0].length >= 10 ? m[0] : s, MAX_DESCRIPTION);
}

function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
