import type { Language, Span } from '@storyboard/domain';
import type { Mention, MentionIndex } from '../characters/mentions';
import { pushTo } from '../util/push-to';
import { chineseCueAfter, chineseCueBefore } from './chinese-cues';
import { isPronoun, type Cue } from './cue';
import { englishCueAfter, englishCueBefore, introducingSubject } from './english-cues';
import type { Quote } from './quotes';
import { signedSpeeches } from './signature';
import { opensWithQuote, resumedBy, retoldQuote } from './told-story';
import { englishContext } from './english-context';
import { vocatives } from './reference';
import { NEWCOMER, afterAccount, narratorTalk } from './narrator-talk';
import { takeTurns, type DialogueParagraph } from './turns';

/**
 * Who speaks each quote, as a cast id or null. Cues: English `said Alice`, `Alice said`, `“A
 * ship,” Tom agreed`, `cried the Queen`, either side of the quote; pronoun cues (`said he`,
 * `she asked`, `said I`) resolved to the one character of that gender in view, or to the
 * first-person narrator; Chinese `X道：` / `X笑道：` / `X拍着手叫起来，` before it and `“…”X说。`
 * after it. A quote without a cue takes the cue of its paragraph, a continued speech keeps its
 * speaker, and uncued lines in an exchange between two people alternate between them. `carried`:
 * who was still speaking when the previous section ended (a story told over several chapters).
 * Null rather than a guess.
 */
export function attributeSpeakers(
  text: string,
  paragraphs: readonly Span[],
  quotes: readonly Quote[],
  index: MentionIndex,
  language: Language,
  carried: string | null = null,
): (string | null)[] {
  const speakers: (string | null)[] = quotes.map(() => null);
  // A told story that runs on from the previous chapter: its teller speaks the opening quote.
  const carriedTo = carried && opensWithQuote(paragraphs, quotes) ? 0 : -1;
  const byParagraph = new Map<number, number[]>();
  quotes.forEach((q, i) => pushTo(byParagraph, q.paragraph, i));
  const near = (start: number, end: number) => index.between(start, end);
  const zh = language === 'zh';
  const ctx = zh ? undefined : englishContext(text, paragraphs, quotes, index);
  const turns: DialogueParagraph[] = [];
  // `Then he resumed his narrative.` in the narration paragraph before an uncued opening quote.
  const resumed = (pi: number) => {
    const prev = paragraphs[pi - 1];
    const first = byParagraph.get(pi)?.[0];
    if (!prev || byParagraph.has(pi - 1) || first === undefined) return undefined;
    if ((quotes[first] as Quote).span.start !== (paragraphs[pi] as Span).start) return undefined;
    return resumedBy(text, prev, near(prev.start, prev.end));
  };
  // A pronoun cue on the paragraph before (`he said, rising:`) means whom it would mean there.
  const resolveBefore = (c: Cue, pi: number): Cue => {
    if (!isPronoun(c)) return c;
    const prev = paragraphs[pi - 1] as Span;
    const local = ctx?.resolve(c.pronoun, pi - 1, prev.end, turns, true);
    const r =
      local === null && !NEWCOMER.test(text.slice(prev.start, prev.end))
        ? ctx?.resolve(c.pronoun, pi - 1, prev.end, turns)
        : local;
    return typeof r === 'string' ? r : undefined;
  };
  // Who spoke last in the paragraph before, when that paragraph opens with a quote.
  const tellerBefore = (pi: number): string | null => {
    const prev = byParagraph.get(pi - 1);
    const head = prev?.[0];
    if (!prev || head === undefined) return null;
    if ((quotes[head] as Quote).span.start !== (paragraphs[pi - 1] as Span).start) return null;
    return speakers[prev[prev.length - 1] as number] ?? null;
  };
  const retoldParagraphs = new Set<number>();
  const cuedParagraphs = new Set<number>();
  // `“'And under,' he cried. 'You have omitted the “and under.”'` ⏎ `“I had thought…`: after a
  // retold paragraph (its last mark closed a quote inside the story), the teller goes on.
  const storyGoesOn = (pi: number) => {
    const first = byParagraph.get(pi)?.[0];
    if (!retoldParagraphs.has(pi - 1) || first === undefined) return undefined;
    if ((quotes[first] as Quote).span.start !== (paragraphs[pi] as Span).start) return undefined;
    return tellerBefore(pi) ?? undefined;
  };
  const introduced = (pi: number) =>
    resolveBefore(introducedBefore(text, paragraphs, pi, byParagraph, quotes, near, zh), pi);
  for (const [pi, indexes] of [...byParagraph].sort((a, b) => a[0] - b[0])) {
    const p = paragraphs[pi] as Span;
    const own = indexes.map((qi) => quotes[qi] as Quote);
    const narration = outside(index.between(p.start, p.end), own);
    const retold = !zh && isRetold(text, p, own[0] as Quote);
    if (retold) retoldParagraphs.add(pi);
    const cues: Cue[] = own.map((q, k) => {
      const prevEnd = k > 0 ? (own[k - 1] as Quote).span.end : p.start;
      const nextStart = (own[k + 1] as Quote | undefined)?.span.start ?? p.end;
      if (zh) {
        const before = chineseCueBefore(text, prevEnd, q.span.start, near);
        return before !== undefined ? before : chineseCueAfter(text, q.span.end, nextStart, near);
      }
      const after = englishCueAfter(text, q.span.end, nextStart, near);
      const cue = after !== undefined ? after : englishCueBefore(text, prevEnd, q.span.start, near);
      // `“'“So!” said I. …`: a paragraph retelling someone's story (a quote opening inside a
      // quote); its cues are the retold people's (its `I` is not the book's narrator).
      return retold && cue !== undefined ? null : cue;
    });
    const resolved = cues.map((c, k) => {
      if (!isPronoun(c) || !ctx) return c;
      const q = own[k] as Quote;
      // `“…, Doctor Manette!” he said`: a pronoun never means the one the line calls by name.
      const called = vocatives(text, q, index.between(q.inner.start, q.inner.end));
      return ctx.resolve(c.pronoun, pi, q.span.start, turns, false, called);
    });
    if (!resolved.some((c) => c !== undefined)) {
      const subject = leadingSubject(
        text,
        p.start,
        (own[0] as Quote).span.start,
        narration,
        language,
      );
      const cue =
        subject ??
        (zh ? undefined : selfNamed(text, own[0] as Quote, index)) ??
        introduced(pi) ??
        (zh ? undefined : (actionSubject(text, p.start, narration) ?? resumed(pi))) ??
        storyGoesOn(pi);
      if (cue !== undefined) resolved.fill(cue);
    } else if (resolved[0] === undefined && own[0]?.span.start === p.start) {
      // `…三藏道：` ⏎ `“他被妖魔拘辖…”`: the cue closes the previous paragraph.
      resolved[0] = introduced(pi);
    }
    if (zh) continueSpeaker(text, own, resolved);
    // A retold paragraph right after a speech paragraph: its cues are the retold people's; the
    // one telling the story goes on speaking it.
    const teller = retold ? tellerBefore(pi) : null;
    if (teller) resolved.fill(teller);
    const found = resolved.filter((c): c is string => typeof c === 'string');
    const unique = new Set(found);
    const anyCue = resolved.some((c) => c !== undefined);
    if (anyCue) cuedParagraphs.add(pi);
    indexes.forEach((qi, k) => {
      const q = quotes[qi] as Quote;
      const cue = resolved[k];
      let s: string | null = typeof cue === 'string' ? cue : null;
      // English `‘…,’ said Alice, ‘…’`: the paragraph's one speaker speaks all its uncued quotes.
      // Chinese paragraphs often hold several speakers, each with its own cue: no inheritance.
      if (cue === undefined && !zh) {
        if (unique.size === 1) s = found[0] ?? null;
        else if (k > 0) s = speakers[indexes[k - 1] as number] ?? null;
      }
      if (cue === undefined && !anyCue && q.continues && qi > 0) s = speakers[qi - 1] ?? null;
      if (cue === undefined && !anyCue && qi === carriedTo) s = carried;
      speakers[qi] = s;
    });
    const addressed = own.flatMap((q) =>
      vocatives(text, q, inside(index.between(q.inner.start, q.inner.end))),
    );
    const from = (paragraphs[Math.max(0, pi - 3)] as Span).start;
    const nearby: Quote[] = [];
    for (let k = Math.max(0, pi - 3); k <= pi; k++)
      for (const qi of byParagraph.get(k) ?? []) nearby.push(quotes[qi] as Quote);
    const context = [...new Set(outside(index.between(from, p.end), nearby).map((m) => m.castId))];
    const resolvedSome = resolved.some((c) => typeof c === 'string');
    const pronounCue = cues.find((c, k) => isPronoun(c) && resolved[k] === null);
    turns.push({
      paragraph: pi,
      quotes: indexes,
      speaker: speakers[indexes[0] as number] ?? null,
      cued: anyCue || own[0]?.continues === true,
      namesSomeone: narration.length > 0,
      addressed,
      context,
      named: [...new Set(narration.map((m) => m.castId))],
      pronoun: !resolvedSome && isPronoun(pronounCue) ? pronounCue.pronoun : undefined,
      unknownCue: !resolvedSome && cues.some((c) => c === null),
    });
  }
  // Narration between two speeches breaks an exchange when it names someone or announces the
  // next speech (`全班同学一起大声喊出来：`).
  const breaks = (a: number, b: number) => {
    if (a >= b) return false;
    if (index.between((paragraphs[a] as Span).start, (paragraphs[b - 1] as Span).end).length > 0)
      return true;
    for (let k = a; k < b; k++) {
      const p = paragraphs[k] as Span;
      if (/[:：]$/.test(text.slice(p.start, p.end).trimEnd())) return true;
    }
    return false;
  };
  takeTurns(turns, speakers, breaks, ctx?.fits);
  if (ctx) narratorTalk(text, paragraphs, quotes, turns, speakers, breaks, ctx.fits);
  // Turn-taking named some speakers after the pass above: the speeches they run on into, and
  // the stories retold after them, follow now.
  if (!zh)
    for (const t of turns) {
      const head = t.quotes[0] as number;
      if (t.quotes.some((qi) => speakers[qi] !== null)) continue;
      const uncued = !cuedParagraphs.has(t.paragraph);
      let s: string | null = null;
      if ((quotes[head] as Quote).continues && uncued) s = speakers[head - 1] ?? null;
      else if (retoldParagraphs.has(t.paragraph)) s = tellerBefore(t.paragraph);
      else if (uncued) s = storyGoesOn(t.paragraph) ?? null;
      if (s) t.speaker = s;
      if (s) for (const qi of t.quotes) speakers[qi] = s;
    }
  const namedIn = (a: number, b: number) =>
    index
      .between((paragraphs[a] as Span).start, (paragraphs[b - 1] as Span).end)
      .map((m) => m.castId);
  if (ctx) afterAccount(quotes, turns, speakers, breaks, namedIn, ctx.fits);
  if (!zh) signedSpeeches(text, quotes, speakers, index);
  return speakers;
}

/** `“I, Alexandre Manette, unfortunate physician, …`: a speech (a letter, a deposition) that
 * opens by naming its speaker. */
function selfNamed(text: string, q: Quote, index: MentionIndex): string | undefined {
  const head = text.slice(q.inner.start, q.inner.start + 3);
  if (!/^I,\s$/.test(head)) return undefined;
  const m = index.between(q.inner.start, Math.min(q.inner.end, q.inner.start + 60))[0];
  if (!m || m.start !== q.inner.start + 3 || text.charAt(m.end) !== ',') return undefined;
  return m.castId;
}

/** `“'“So!” said I. …` / `“'He crept away…`: the paragraph retells a story; not `“'If you
 * remember,'” said Carton` (the quote is a quotation, closed, and its cue is his). */
function isRetold(text: string, p: Span, first: Quote): boolean {
  return first.span.start === p.start && retoldQuote(text, first);
}

function inside(mentions: readonly Mention[]): Mention[] {
  return [...mentions];
}

/** Mentions of a paragraph that are not inside one of its quotes. */
function outside(mentions: readonly Mention[], quotes: readonly Quote[]): Mention[] {
  // Both sorted by position: one walk, so a paragraph of 50,000 quotes stays linear.
  const out: Mention[] = [];
  let q = 0;
  for (const m of mentions) {
    while (q < quotes.length && (quotes[q] as Quote).span.end <= m.start) q++;
    const quote = quotes[q];
    if (!quote || m.start < quote.span.start || m.end > quote.span.end) out.push(m);
  }
  return out;
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

/** `Mr. Lorry asked him as before:` ⏎ `“Dear Doctor, …”`: a narration paragraph that ends with a
 * colon introduces the speech of the next one; its cue names the speaker. */
function introducedBefore(
  text: string,
  paragraphs: readonly Span[],
  pi: number,
  byParagraph: ReadonlyMap<number, number[]>,
  quotes: readonly Quote[],
  near: (start: number, end: number) => Mention[],
  zh: boolean,
): Cue {
  const prev = paragraphs[pi - 1];
  if (!prev) return undefined;
  const end = prev.start + text.slice(prev.start, prev.end).trimEnd().length;
  if (!/[:：]$/.test(text.slice(prev.start, end))) return undefined;
  // The narration after the previous paragraph's last quote (`八戒道：` ⏎ `“凭你打了罢…”`).
  const last = byParagraph.get(pi - 1)?.at(-1);
  const from = last === undefined ? prev.start : (quotes[last] as Quote).span.end;
  if (from >= end) return undefined;
  const cue = zh
    ? chineseCueBefore(text, from, end, near)
    : englishCueBefore(text, from, end - 1, near);
  if (typeof cue === 'string' || isPronoun(cue)) return cue;
  return zh ? undefined : introducingSubject(text, from, end, near);
}

/** `“You cannot do better.” The Doctor gave him his hand.`: in a paragraph with no cue whose
 * narration names one cast member only, a sentence that opens with that name as its subject
 * (a lowercase word follows) tells who speaks. */
function actionSubject(
  text: string,
  from: number,
  narration: readonly Mention[],
): string | undefined {
  const ids = new Set(narration.map((m) => m.castId));
  if (ids.size !== 1) return undefined;
  for (const m of narration) {
    const before = text.slice(Math.max(from, m.start - 30), m.start);
    const opens =
      m.start - from <= 4
        ? /^(?:the\s+)?$/i.test(before)
        : /[.!?][”’"]?\s+(?:the\s+)?$/i.test(before);
    if (!opens) continue;
    if (
      /^\s+(?:[a-z]+ly\s+)?(?!and\b|or\b|nor\b|with\b)[a-z]+\b/.test(text.slice(m.end, m.end + 30))
    )
      return m.castId;
  }
  return undefined;
}

/** Between two quotes of one paragraph, a cue with no subject of its own (`又道：`, `叫：`,
 * `教沙僧：`, `即命：`): the one who spoke the quote before goes on. Not a bare `道：` or `又问：`
 * (after an answer, the one who asked speaks again). */
const SAME_SPEAKER =
  /^[”」』"\s]*(?:即|连|忙|急|乃|遂)*(?:(?:对|向|教|与|同)[^，。！？“”「」：:]{1,5})?(?:又道|叫|喝|命|吩咐|骂|嚷|喊)(?:道|声|着)?[：:，,]?\s*$/;

function continueSpeaker(text: string, own: readonly Quote[], resolved: Cue[]): void {
  for (let k = 1; k < own.length; k++) {
    const prev = resolved[k - 1];
    if (typeof prev !== 'string' || typeof resolved[k] === 'string') continue;
    const between = text.slice((own[k - 1] as Quote).span.end, (own[k] as Quote).span.start);
    if (SAME_SPEAKER.test(between)) resolved[k] = prev;
  }
}
