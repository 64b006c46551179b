import type { Span } from '@storyboard/domain';
import type { MentionIndex } from '../characters/mentions';
import type { Quote } from './quotes';

const CLOSING = /[”」』»"’]/;
/** `the Time Traveller began his story`, `Holmes resumed his narrative`. */
const TELLS =
  /^\s+(?:then\s+)?(?:began|resumed|continued|went on with|took up|told)\s+(?:his|her|the)\s+(?:story|tale|narrative|account)\b/i;

/**
 * Who is still speaking when a section ends: the speaker of a quote left open at the end of the
 * last paragraph (a told story runs on into the next chapter, each paragraph opening with a quote
 * mark), or the one the closing narration says begins a story (`the Time Traveller began his
 * story`). Null when neither.
 */
export function openSpeaker(
  text: string,
  paragraphs: readonly Span[],
  quotes: readonly Quote[],
  speakers: readonly (string | null)[],
  index: MentionIndex,
): string | null {
  const last = quotes.length - 1;
  const q = quotes[last];
  if (endsInsideQuote(text, paragraphs, quotes)) return speakers[last] ?? null;
  const from = q ? q.span.end : (paragraphs[0]?.start ?? 0);
  const to = paragraphs[paragraphs.length - 1]?.end ?? 0;
  let teller: string | null = null;
  for (const m of index.between(from, to))
    if (TELLS.test(text.slice(m.end, m.end + 40))) teller = m.castId;
  return teller;
}

/** True when the section's last paragraph ends inside a quote left open: the only case where
 * `openSpeaker` reads the speakers. */
export function endsInsideQuote(
  text: string,
  paragraphs: readonly Span[],
  quotes: readonly Quote[],
): boolean {
  const q = quotes[quotes.length - 1];
  return q !== undefined && q.paragraph === paragraphs.length - 1 && !closed(text, q);
}

/** True when the section opens with a quote: the first paragraph starts with its mark. */
export function opensWithQuote(paragraphs: readonly Span[], quotes: readonly Quote[]): boolean {
  const q = quotes[0];
  return q !== undefined && q.paragraph === 0 && q.span.start === paragraphs[0]?.start;
}

function closed(text: string, q: Quote): boolean {
  return q.span.end - q.span.start > 1 && CLOSING.test(text.charAt(q.span.end - 1));
}

/** `The Time Traveller paused, … Then he resumed his narrative.`: narration that says someone
 * takes up their story again. */
const RESUMES =
  /\b(he|she|[A-Z][\w’'-]*)\s+(?:then\s+|presently\s+)?(?:resumed|continued|went on with|took up|began)\s+(?:his|her|the)\s+(?:story|tale|narrative|account)\b/g;

/**
 * The teller of a story taken up again after a narration paragraph (`The Time Traveller paused,
 * put his hand into his pocket… Then he resumed his narrative.`): the cast member named right
 * before the verb, or, for `he`/`she`, the one cast member the paragraph names. `paragraph` holds
 * no quote; `mentions` are its cast mentions. Undefined when it says nothing of the kind.
 */
export function resumedBy(
  text: string,
  paragraph: Span,
  mentions: readonly { castId: string; end: number }[],
): string | undefined {
  const body = text.slice(paragraph.start, paragraph.end);
  let teller: string | undefined;
  for (const m of body.matchAll(RESUMES)) {
    const at = paragraph.start + (m.index ?? 0);
    const subject = m[1] ?? '';
    if (subject === 'he' || subject === 'she') {
      const ids = new Set(mentions.filter((x) => x.end <= at).map((x) => x.castId));
      teller = ids.size === 1 ? [...ids][0] : undefined;
    } else {
      const named = mentions.find((x) => x.end === at + subject.length);
      teller = named?.castId;
    }
  }
  return teller;
}

/** A quote that opens with a quote mark right inside another: a story being retold (not an
 * elision: `“'Pon my word,`, `“'Tis …`). */
const RETOLD =
  /^[“"](?:[“"]|[‘'](?!(?:t(?:is|was|were|will)|pon|em|cause|bout|gainst|ere|un|im)))/i;

/** `“'“So!” said I. …` / `“'He crept away…`: a quote retelling a story; not `“'If you
 * remember,'”` (a quotation, closed). */
export function retoldQuote(text: string, q: Quote): boolean {
  if (!RETOLD.test(text.slice(q.span.start, q.span.start + 12))) return false;
  return !/[’']\s*[”"]$/.test(text.slice(q.span.end - 3, q.span.end));
}
