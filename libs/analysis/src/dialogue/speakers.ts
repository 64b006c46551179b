import type { Language, Span } from '@storyboard/domain';
import { MentionIndex, type Mention } from '../characters/mentions';
import { pushTo } from '../util/push-to';
import { chineseCueAfter, chineseCueBefore } from './chinese-cues';
import { isPronoun, type Cue, type Near } from './cue';
import { englishCueAfter, englishCueBefore, introducingSubject } from './english-cues';
import type { Quote } from './quotes';
import { signedSpeeches } from './signature';
import { opensWithQuote, resumedBy, retoldQuote } from './told-story';
import { englishContext, type EnglishContext } from './english-context';
import { vocatives } from './reference';
import { NEWCOMER, afterAccount, narratorTalk } from './narrator-talk';
import { takeTurns, type DialogueParagraph } from './turns';
import { trimmedEnd } from '../util/tail';

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
  return new SpeakerPass(text, paragraphs, quotes, index, language, carried).run();
}

/**
 * One section's attribution: what each step reads and fills. Methods rather than closures in one
 * long function: a cold run spent most of its time in that function's unoptimised code (its
 * optimising compile took ~65 ms), where small methods are optimised early (measured).
 */
class SpeakerPass {
  private readonly speakers: (string | null)[];
  /** A told story that runs on from the previous chapter: its teller speaks this quote (or -1). */
  private readonly carriedTo: number;
  private readonly byParagraph = new Map<number, number[]>();
  private readonly zh: boolean;
  private readonly ctx: EnglishContext | undefined;
  private readonly turns: DialogueParagraph[] = [];
  /** The cast mentions outside every quote: the narration of each paragraph, found once. */
  private readonly narration: MentionIndex;
  private readonly retoldParagraphs = new Set<number>();
  private readonly cuedParagraphs = new Set<number>();
  private readonly near: Near;

  constructor(
    private readonly text: string,
    private readonly paragraphs: readonly Span[],
    private readonly quotes: readonly Quote[],
    private readonly index: MentionIndex,
    private readonly language: Language,
    private readonly carried: string | null,
  ) {
    this.speakers = quotes.map(() => null);
    this.carriedTo = carried && opensWithQuote(paragraphs, quotes) ? 0 : -1;
    quotes.forEach((q, i) => pushTo(this.byParagraph, q.paragraph, i));
    this.near = (start, end) => index.between(start, end);
    this.zh = language === 'zh';
    this.ctx = this.zh ? undefined : englishContext(text, paragraphs, quotes, index);
    // Quotes lie inside their paragraphs: a mention outside every quote of the section is outside
    // those of its own paragraph.
    this.narration = new MentionIndex(outside(index.all, quotes));
  }

  run(): (string | null)[] {
    const { text, paragraphs, quotes, turns, speakers, ctx, zh } = this;
    for (const [pi, indexes] of [...this.byParagraph].sort((a, b) => a[0] - b[0]))
      this.paragraph(pi, indexes);
    const breaks = (a: number, b: number) => this.breaks(a, b);
    takeTurns(turns, speakers, breaks, ctx?.fits);
    if (ctx) narratorTalk(text, paragraphs, quotes, turns, speakers, breaks, ctx.fits);
    // Turn-taking named some speakers after the pass above: the speeches they run on into, and
    // the stories retold after them, follow now.
    if (!zh) for (const t of turns) this.followTurn(t);
    const namedIn = (a: number, b: number) => this.namedIn(a, b);
    if (ctx) afterAccount(quotes, turns, speakers, breaks, namedIn, ctx.fits);
    if (!zh) signedSpeeches(text, quotes, speakers, this.index);
    return speakers;
  }

  /** The cues, speakers and turn of one paragraph holding the quotes `indexes`. */
  private paragraph(pi: number, indexes: number[]): void {
    const { text, zh } = this;
    const p = this.paragraphs[pi] as Span;
    const own = indexes.map((qi) => this.quotes[qi] as Quote);
    const narration = this.narration.between(p.start, p.end);
    const retold = !zh && isRetold(text, p, own[0] as Quote);
    if (retold) this.retoldParagraphs.add(pi);
    const cues = this.cues(p, own, retold);
    const resolved = this.resolvePronouns(pi, own, cues);
    if (!resolved.some((c) => c !== undefined)) {
      const cue = this.uncuedSpeaker(pi, p, own[0] as Quote, narration);
      if (cue !== undefined) resolved.fill(cue);
    } else if (resolved[0] === undefined && own[0]?.span.start === p.start) {
      // `…三藏道：` ⏎ `“他被妖魔拘辖…”`: the cue closes the previous paragraph.
      resolved[0] = this.introduced(pi);
    }
    if (zh) continueSpeaker(text, own, resolved);
    // A retold paragraph right after a speech paragraph: its cues are the retold people's; the
    // one telling the story goes on speaking it.
    const teller = retold ? this.tellerBefore(pi) : null;
    if (teller) resolved.fill(teller);
    const anyCue = resolved.some((c) => c !== undefined);
    if (anyCue) this.cuedParagraphs.add(pi);
    this.assign(indexes, resolved, anyCue);
    this.addTurn(pi, indexes, own, cues, resolved, anyCue, narration);
  }

  /** The cue of each quote of a paragraph, before or after it. */
  private cues(p: Span, own: readonly Quote[], retold: boolean): Cue[] {
    const { text, near } = this;
    return own.map((q, k) => {
      const prevEnd = k > 0 ? (own[k - 1] as Quote).span.end : p.start;
      const nextStart = (own[k + 1] as Quote | undefined)?.span.start ?? p.end;
      if (this.zh) {
        const before = chineseCueBefore(text, prevEnd, q.span.start, near);
        return before !== undefined ? before : chineseCueAfter(text, q.span.end, nextStart, near);
      }
      const after = englishCueAfter(text, q.span.end, nextStart, near);
      const cue = after !== undefined ? after : englishCueBefore(text, prevEnd, q.span.start, near);
      // `“'“So!” said I. …`: a paragraph retelling someone's story (a quote opening inside a
      // quote); its cues are the retold people's (its `I` is not the book's narrator).
      return retold && cue !== undefined ? null : cue;
    });
  }

  /** Pronoun cues resolved to whom they mean. */
  private resolvePronouns(pi: number, own: readonly Quote[], cues: readonly Cue[]): Cue[] {
    const { ctx } = this;
    return cues.map((c, k) => {
      if (!isPronoun(c) || !ctx) return c;
      const q = own[k] as Quote;
      // `“…, Doctor Manette!” he said`: a pronoun never means the one the line calls by name.
      const called = vocatives(this.text, q, this.index.between(q.inner.start, q.inner.end));
      return ctx.resolve(c.pronoun, pi, q.span.start, this.turns, false, called);
    });
  }

  /** The speaker of a paragraph whose quotes carry no cue, from its narration or the paragraphs
   * around it. */
  private uncuedSpeaker(pi: number, p: Span, first: Quote, narration: readonly Mention[]): Cue {
    const { text, zh } = this;
    const subject = leadingSubject(text, p.start, first.span.start, narration, this.language);
    return (
      subject ??
      (zh ? undefined : selfNamed(text, first, this.index)) ??
      this.introduced(pi) ??
      (zh ? undefined : (actionSubject(text, p.start, narration) ?? this.resumed(pi))) ??
      this.storyGoesOn(pi)
    );
  }

  /** Fills `speakers` for the paragraph's quotes from their resolved cues. */
  private assign(indexes: readonly number[], resolved: readonly Cue[], anyCue: boolean): void {
    const { speakers, zh } = this;
    const found = resolved.filter((c): c is string => typeof c === 'string');
    const unique = new Set(found);
    indexes.forEach((qi, k) => {
      const q = this.quotes[qi] as Quote;
      const cue = resolved[k];
      let s: string | null = typeof cue === 'string' ? cue : null;
      // English `‘…,’ said Alice, ‘…’`: the paragraph's one speaker speaks all its uncued quotes.
      // Chinese paragraphs often hold several speakers, each with its own cue: no inheritance.
      if (cue === undefined && !zh) {
        if (unique.size === 1) s = found[0] ?? null;
        else if (k > 0) s = speakers[indexes[k - 1] as number] ?? null;
      }
      if (cue === undefined && !anyCue && q.continues && qi > 0) s = speakers[qi - 1] ?? null;
      if (cue === undefined && !anyCue && qi === this.carriedTo) s = this.carried;
      speakers[qi] = s;
    });
  }

  /** What turn-taking needs to know about the paragraph. */
  private addTurn(
    pi: number,
    indexes: number[],
    own: readonly Quote[],
    cues: readonly Cue[],
    resolved: readonly Cue[],
    anyCue: boolean,
    narration: readonly Mention[],
  ): void {
    const from = (this.paragraphs[Math.max(0, pi - 3)] as Span).start;
    const p = this.paragraphs[pi] as Span;
    const context = castIds(this.narration.between(from, p.end));
    const resolvedSome = resolved.some((c) => typeof c === 'string');
    const pronounCue = cues.find((c, k) => isPronoun(c) && resolved[k] === null);
    this.turns.push({
      paragraph: pi,
      quotes: indexes,
      speaker: this.speakers[indexes[0] as number] ?? null,
      cued: anyCue || own[0]?.continues === true,
      namesSomeone: narration.length > 0,
      addressed: this.addressedBy(own),
      context,
      named: castIds(narration),
      pronoun: !resolvedSome && isPronoun(pronounCue) ? pronounCue.pronoun : undefined,
      unknownCue: !resolvedSome && cues.some((c) => c === null),
    });
  }

  /** The cast members the quotes call by name, quote by quote. A method of its own, not a loop in
   * `addTurn`: V8 charges a loop's whole body to each pass, and the loop made `addTurn` hot enough
   * for an optimising compile of all it calls (measured). */
  private addressedBy(own: readonly Quote[]): string[] {
    const { text, index } = this;
    const addressed: string[] = [];
    for (const q of own)
      addressed.push(...vocatives(text, q, index.between(q.inner.start, q.inner.end)));
    return addressed;
  }

  /** A turn still without a speaker after turn-taking: the speech it runs on from, or the story
   * its paragraph goes on telling. */
  private followTurn(t: DialogueParagraph): void {
    const { speakers } = this;
    const head = t.quotes[0] as number;
    if (t.quotes.some((qi) => speakers[qi] !== null)) return;
    const uncued = !this.cuedParagraphs.has(t.paragraph);
    let s: string | null = null;
    if ((this.quotes[head] as Quote).continues && uncued) s = speakers[head - 1] ?? null;
    else if (this.retoldParagraphs.has(t.paragraph)) s = this.tellerBefore(t.paragraph);
    else if (uncued) s = this.storyGoesOn(t.paragraph) ?? null;
    if (s) t.speaker = s;
    if (s) for (const qi of t.quotes) speakers[qi] = s;
  }

  /** Whether the paragraph's first quote opens it. */
  private opensParagraph(pi: number): boolean {
    const first = this.byParagraph.get(pi)?.[0];
    if (first === undefined) return false;
    return (this.quotes[first] as Quote).span.start === (this.paragraphs[pi] as Span).start;
  }

  /** `Then he resumed his narrative.` in the narration paragraph before an uncued opening quote. */
  private resumed(pi: number): string | undefined {
    const prev = this.paragraphs[pi - 1];
    if (!prev || this.byParagraph.has(pi - 1) || !this.opensParagraph(pi)) return undefined;
    return resumedBy(this.text, prev, this.near(prev.start, prev.end));
  }

  /** A pronoun cue on the paragraph before (`he said, rising:`) means whom it would mean there. */
  private resolveBefore(c: Cue, pi: number): Cue {
    if (!isPronoun(c)) return c;
    const { ctx, turns } = this;
    const prev = this.paragraphs[pi - 1] as Span;
    const local = ctx?.resolve(c.pronoun, pi - 1, prev.end, turns, true);
    const r =
      local === null && !NEWCOMER.test(this.text.slice(prev.start, prev.end))
        ? ctx?.resolve(c.pronoun, pi - 1, prev.end, turns)
        : local;
    return typeof r === 'string' ? r : undefined;
  }

  /** Who spoke last in the paragraph before, when that paragraph opens with a quote. */
  private tellerBefore(pi: number): string | null {
    const prev = this.byParagraph.get(pi - 1);
    if (!prev || !this.opensParagraph(pi - 1)) return null;
    return this.speakers[prev[prev.length - 1] as number] ?? null;
  }

  /** `“'And under,' he cried. 'You have omitted the “and under.”'` ⏎ `“I had thought…`: after a
   * retold paragraph (its last mark closed a quote inside the story), the teller goes on. */
  private storyGoesOn(pi: number): string | undefined {
    if (!this.retoldParagraphs.has(pi - 1) || !this.opensParagraph(pi)) return undefined;
    return this.tellerBefore(pi) ?? undefined;
  }

  private introduced(pi: number): Cue {
    const { text, paragraphs, byParagraph, quotes, near, zh } = this;
    return this.resolveBefore(
      introducedBefore(text, paragraphs, pi, byParagraph, quotes, near, zh),
      pi,
    );
  }

  /** Narration between two speeches breaks an exchange when it names someone or announces the
   * next speech (`全班同学一起大声喊出来：`). */
  private breaks(a: number, b: number): boolean {
    if (a >= b) return false;
    const { paragraphs } = this;
    if (this.index.between((paragraphs[a] as Span).start, (paragraphs[b - 1] as Span).end).length)
      return true;
    for (let k = a; k < b; k++) {
      const p = paragraphs[k] as Span;
      if (endsWithColon(this.text, p.start, p.end)) return true;
    }
    return false;
  }

  /** The cast members named in paragraphs [a, b). */
  private namedIn(a: number, b: number): string[] {
    const { paragraphs } = this;
    return this.index
      .between((paragraphs[a] as Span).start, (paragraphs[b - 1] as Span).end)
      .map((m) => m.castId);
  }
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
  near: Near,
  zh: boolean,
): Cue {
  const prev = paragraphs[pi - 1];
  if (!prev) return undefined;
  const end = trimmedEnd(text, prev.start, prev.end);
  if (!endsWithColon(text, prev.start, end)) return undefined;
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

/** The cast ids of `mentions`, each once, in order of first mention: `[...new Set(ids)]` without
 * the set and the copies, as these lists are short. */
function castIds(mentions: readonly Mention[]): string[] {
  const out: string[] = [];
  for (const m of mentions) if (!out.includes(m.castId)) out.push(m.castId);
  return out;
}

/** `/[:：]$/.test(text.slice(start, end).trimEnd())` by a walk back from the end: the regex
 * tried every position of the paragraph (measured). */
function endsWithColon(text: string, start: number, end: number): boolean {
  const e = trimmedEnd(text, start, end);
  const c = text.charCodeAt(e - 1);
  return e > start && (c === 0x3a || c === 0xff1a);
}
