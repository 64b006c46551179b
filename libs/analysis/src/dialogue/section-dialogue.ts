import type { Language, Span } from '@storyboard/domain';
import type { MentionIndex } from '../characters/mentions';
import { splitLongParagraphs, splitParagraphs } from '../structure/paragraphs';
import { isQuotedTerm } from './chinese-terms';
import { findQuotes, type Quote } from './quotes';
import { attributeSpeakers } from './speakers';
import { endsInsideQuote, openSpeaker } from './told-story';

/** About one panel's worth of text: a paragraph over twice this is cut at sentence ends. */
const ZH_BEAT_CHARS = 250;
const EN_BEAT_CHARS = 600;

export interface SectionDialogue {
  paragraphs: Span[];
  quotes: Quote[];
  /** The speaker of each quote (cast id) or null. */
  speakers: (string | null)[];
  /** Who is still speaking when the section ends (English only), for the next section. */
  open: string | null;
}

/** The paragraphs (heading dropped), quotes and speakers of one chapter section, offsets into
 * `text`; `carried`: who was still speaking when the previous section ended. */
export function sectionDialogue(
  text: string,
  from: number,
  to: number,
  headingTitle: string | undefined,
  mentions: MentionIndex,
  language: Language,
  carried: string | null,
): SectionDialogue {
  const { paragraphs, quotes } = sectionQuotes(text, from, to, headingTitle, language);
  const speakers = attributeSpeakers(text, paragraphs, quotes, mentions, language, carried);
  const open = language === 'zh' ? null : openSpeaker(text, paragraphs, quotes, speakers, mentions);
  return { paragraphs, quotes, speakers, open };
}

/** `sectionDialogue(…).open` of a section not in Chinese, attributing speakers only when the
 * section ends inside a quote (`openSpeaker` reads none otherwise): most of the cost of
 * `withOpenSpeakers` was speakers it never read. */
export function sectionOpenSpeaker(
  text: string,
  from: number,
  to: number,
  headingTitle: string | undefined,
  mentions: MentionIndex,
  language: Exclude<Language, 'zh'>,
  carried: string | null,
): string | null {
  const { paragraphs, quotes } = sectionQuotes(text, from, to, headingTitle, language);
  const speakers = endsInsideQuote(text, paragraphs, quotes)
    ? attributeSpeakers(text, paragraphs, quotes, mentions, language, carried)
    : [];
  return openSpeaker(text, paragraphs, quotes, speakers, mentions);
}

/** The section's paragraphs (heading dropped) and its quotes of speech. */
function sectionQuotes(
  text: string,
  from: number,
  to: number,
  headingTitle: string | undefined,
  language: Language,
): { paragraphs: Span[]; quotes: Quote[] } {
  let paragraphs = sectionParagraphs(text, from, to, language);
  if (headingTitle !== undefined) paragraphs = dropHeading(text, paragraphs, headingTitle);
  const found = findQuotes(text, paragraphs);
  // A quoted sign or name (`乃“幽冥界”`) is no speech: its words stay in the narration.
  const quotes = language === 'zh' ? found.filter((q) => !isQuotedTerm(text, q)) : found;
  return { paragraphs, quotes };
}

/** True when the section's first paragraph after its heading opens with a quote mark (only its
 * first few thousand characters are read). */
export function sectionOpensWithQuote(
  text: string,
  from: number,
  to: number,
  headingTitle: string,
): boolean {
  const head = dropHeading(
    text,
    splitParagraphs(text, from, Math.min(to, from + 4000)),
    headingTitle,
  );
  const first = head[0];
  return first !== undefined && /[“"‘«]/.test(text.charAt(first.start));
}

function sectionParagraphs(text: string, from: number, to: number, language: Language): Span[] {
  return splitLongParagraphs(
    text,
    splitParagraphs(text, from, to),
    language === 'zh' ? ZH_BEAT_CHARS : EN_BEAT_CHARS,
  );
}

/** The chapter heading lines at the top of a chapter's first part are not story: drop leading
 * short paragraphs that are part of the title (or hold it behind a junk prefix). */
function dropHeading(text: string, paragraphs: Span[], title: string): Span[] {
  const t = squash(title);
  let k = 0;
  while (k < Math.min(3, paragraphs.length)) {
    const p = paragraphs[k] as Span;
    if (p.end - p.start > 120) break;
    const body = squash(text.slice(p.start, p.end));
    if (!body || !(t.includes(body) || body.includes(t))) break;
    k++;
  }
  return k > 0 && k < paragraphs.length ? paragraphs.slice(k) : paragraphs;
}

function squash(s: string): string {
  return s.replace(/[\s.:：、]+/g, '').toLowerCase();
}
