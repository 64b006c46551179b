import type { DialogueLine, Language, Panel, Span } from '@storyboard/domain';
import type { MentionIndex } from '../characters/mentions';
import type { Quote } from '../dialogue/quotes';
import { chooseShot } from './shots';
import { EN_SPEECH_VERB } from '../dialogue/english-cues';
import { pushTo } from '../util/push-to';

export interface PanelInput {
  text: string;
  /** The scene's paragraphs, in order. */
  paragraphs: readonly Span[];
  /** Quotes of those paragraphs with their speakers, in order. */
  quotes: readonly { quote: Quote; speaker: string | null }[];
  mentions: MentionIndex;
  language: Language;
  /** Cast id → name, to describe a panel that is all speech. */
  names?: ReadonlyMap<string, string>;
}

const MAX_DESCRIPTION = 200;
const MAX_NARRATION = 400;

/** Beats of a scene: each dialogue paragraph (with the paragraphs its speech runs on into), and
 * runs of narration up to a size, each becoming one panel. Spans are offsets into `text`. */
export function buildPanels(input: PanelInput): Panel[] {
  const { text, paragraphs, quotes, language } = input;
  const beatChars = language === 'zh' ? 350 : 700;
  const quotesByStart = new Map<number, { quote: Quote; speaker: string | null }[]>();
  let k = 0;
  for (const q of quotes) {
    while (k < paragraphs.length && (paragraphs[k] as Span).end <= q.quote.span.start) k++;
    const p = paragraphs[k];
    if (p && p.start <= q.quote.span.start) pushTo(quotesByStart, p.start, q);
  }
  const beats: { paragraphs: Span[]; quotes: { quote: Quote; speaker: string | null }[] }[] = [];
  for (const p of paragraphs) {
    const qs = quotesByStart.get(p.start) ?? [];
    const last = beats[beats.length - 1];
    const lastSize = last
      ? (last.paragraphs[last.paragraphs.length - 1]?.end ?? 0) - (last.paragraphs[0]?.start ?? 0)
      : 0;
    if (qs.length > 0) {
      // A speech carried on over paragraphs stays one panel while it is one beat long; a story
      // told over many paragraphs gets a panel per beat.
      const fits = lastSize + (p.end - p.start) <= beatChars;
      if (last && last.quotes.length > 0 && qs[0]?.quote.continues && fits) {
        last.paragraphs.push(p);
        last.quotes.push(...qs);
      } else beats.push({ paragraphs: [p], quotes: [...qs] });
      continue;
    }
    if (last && last.quotes.length === 0 && lastSize + (p.end - p.start) <= beatChars)
      last.paragraphs.push(p);
    else beats.push({ paragraphs: [p], quotes: [] });
  }
  const panels: Panel[] = [];
  let previousSpeakers: (string | null)[] = [];
  for (const beat of beats) {
    const first = beat.paragraphs[0] as Span;
    const last = beat.paragraphs[beat.paragraphs.length - 1] as Span;
    const span = { start: first.start, end: last.end };
    const narration = collapse(
      narrationOf(
        text,
        beat.paragraphs,
        beat.quotes.map((q) => q.quote),
      ),
    );
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
    // A beat that is all speech gets a description of who talks rather than the speech
    // again (the balloons carry the words).
    // A beat that is all speech: who talks, or when nobody is named, its first line as said —
    // never an invented line.
    const firstLine = dialogue[0] ? `“${firstSentence(dialogue[0].text, language)}”` : undefined;
    const description = narration
      ? firstSentence(narration, language)
      : dialogue.length > 0
        ? (describeSpeech(speakers, input.names ?? new Map(), language) ?? (firstLine as string))
        : firstSentence(collapse(text.slice(span.start, span.end)), language);
    panels.push({
      index: panels.length + 1,
      shot,
      description,
      characters,
      dialogue,
      ...(narration ? { narration: clip(narration, MAX_NARRATION) } : {}),
      span,
    });
    previousSpeakers = speakers;
  }
  return panels;
}

/** `Elsie speaks.`, `Elsie and Tom talk.`, `林小雨与奶奶对话。`; undefined when no speaker is
 * named (nothing is invented). */
export function describeSpeech(
  speakers: readonly (string | null)[],
  names: ReadonlyMap<string, string>,
  language: Language,
): string | undefined {
  const named = [...new Set(speakers.filter((s): s is string => s !== null))].map(
    (id) => names.get(id) ?? id,
  );
  if (language === 'zh') {
    if (named.length === 0) return undefined;
    if (named.length === 1) return `${named[0]}说话。`;
    return `${named.slice(0, -1).join('、')}与${named[named.length - 1]}对话。`;
  }
  if (named.length === 0) return undefined;
  const list =
    named.length === 1
      ? (named[0] as string)
      : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
  const sentence = `${list} ${named.length === 1 ? 'speaks' : 'talk'}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** The narration of a beat: its text outside the quotes, without the speech cues that tie a
 * quote to its speaker (`said Elsie, pressing…` → `Elsie, pressing…`; `林风笑道：` → nothing). */
function narrationOf(text: string, paragraphs: readonly Span[], quotes: readonly Quote[]): string {
  const parts: string[] = [];
  for (const p of paragraphs) {
    let at = p.start;
    let afterQuote = false;
    for (const q of quotes) {
      if (q.span.start < p.start || q.span.start >= p.end) continue;
      parts.push(withoutCue(text.slice(at, q.span.start), afterQuote, true));
      at = Math.min(p.end, q.span.end);
      afterQuote = true;
    }
    parts.push(withoutCue(text.slice(at, p.end), afterQuote, false));
  }
  return parts.join(' ');
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
const ZH_CUE_BEFORE = /(?:笑道|叫道|喝道|问道|骂道|答道|说道|道|说|问|曰|叫起来|喊道)[：:，,]?\s*$/;

function withoutCue(part: string, afterQuote: boolean, beforeQuote: boolean): string {
  let out = part;
  if (afterQuote) {
    out = out.replace(EN_CUE_AFTER, (_m, name: string | undefined) => (name ? `${name} ` : ''));
    // Nothing but the speaker's name left (`whispered Elsie.`, `said a voice.`): no caption.
    if (ONLY_A_NAME.test(out) || UNNAMED_CUE.test(out)) return '';
  }
  if (beforeQuote) {
    // Only the cue itself goes (`林小雨道：`, `Tom said,`); an action before it stays whole.
    const rest = out.replace(ZH_CUE_BEFORE, '').replace(EN_CUE_BEFORE, '').trim();
    if (
      rest !== out.trim() &&
      rest.replace(/^[A-Z][\w.’'-]*(?:\s+[A-Z][\w’'-]*)*$/, '').length <= 6
    )
      return '';
    if (/[：:]\s*$/.test(out) && /[\u4e00-\u9fff]/.test(out)) out = out.replace(/[：:]\s*$/, '。');
  }
  return out;
}

export function collapse(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:—–-]+/, '')
    .trim();
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
