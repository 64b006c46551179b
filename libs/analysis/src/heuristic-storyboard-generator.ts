import type {
  CastMember,
  Fragment,
  FragmentSection,
  GenerateInput,
  Language,
  Scene,
  Span,
  StoryboardGenerator,
} from '@storyboard/domain';
import { countMentions, MentionIndex, MentionMatcher } from './characters/mentions';
import { findQuotes } from './dialogue/quotes';
import { attributeSpeakers } from './dialogue/speakers';
import { openSpeaker } from './dialogue/told-story';
import { buildPanels, collapse, firstSentence } from './panels/panels';
import { splitLongParagraphs, splitParagraphs } from './structure/paragraphs';

/** About one panel's worth of text: a paragraph over twice this is cut at sentence ends. */
const ZH_BEAT_CHARS = 250;
const EN_BEAT_CHARS = 600;
import { sceneLocation } from './structure/location';
import { splitScenes } from './structure/scenes';

/** The deterministic, offline generator: scenes, panels, dialogue with speakers and characters
 * from the text itself. Same input, same fragment. */
export class HeuristicStoryboardGenerator implements StoryboardGenerator {
  readonly name = 'heuristic';
  private matcherCache:
    { cast: readonly CastMember[]; language: Language; matcher: MentionMatcher } | undefined;

  async generate(input: GenerateInput, signal?: AbortSignal): Promise<Fragment> {
    signal?.throwIfAborted();
    const { chunk, text, language } = input;
    const matcher = this.matcherFor(input.cast, language);
    const names = new Map(input.cast.map((c) => [c.id, c.name]));
    const offset = chunk.span.start;
    const sections: FragmentSection[] = [];
    const mentions: Record<string, number> = {};
    // Who still speaks at a section's end (a story told over several chapters), for the next.
    const carry: { speaker: string | null } = { speaker: null };
    for (const section of chunk.sections) {
      signal?.throwIfAborted();
      const from = Math.max(0, section.span.start - offset);
      const to = Math.min(text.length, section.span.end - offset);
      const index = new MentionIndex(matcher.find(text, from, to));
      const scenes = storyboardSection(
        text,
        from,
        to,
        section.part === 1 ? section.title : undefined,
        index,
        language,
        names,
        carry,
      );
      sections.push({
        chapterIndex: section.chapterIndex,
        part: section.part,
        scenes: scenes.map((s) => shift(s, offset)),
      });
      for (const [id, n] of countMentions(index.all)) mentions[id] = (mentions[id] ?? 0) + n;
    }
    const sorted: Record<string, number> = {};
    for (const id of Object.keys(mentions).sort()) sorted[id] = mentions[id] as number;
    return { chunkIndex: chunk.index, sections, mentions: sorted, generator: this.name };
  }

  private matcherFor(cast: readonly CastMember[], language: Language): MentionMatcher {
    const c = this.matcherCache;
    if (c && c.cast === cast && c.language === language) return c.matcher;
    const matcher = new MentionMatcher(cast, language);
    this.matcherCache = { cast, language, matcher };
    return matcher;
  }
}

/** Scenes of one chapter section, offsets relative to `text`; `mentions` holds the cast mentions
 * found in that section. */
export function storyboardSection(
  text: string,
  from: number,
  to: number,
  headingTitle: string | undefined,
  mentions: MentionIndex,
  language: Language,
  names: ReadonlyMap<string, string> = new Map(),
  carry: { speaker: string | null } = { speaker: null },
): Scene[] {
  let paragraphs = splitLongParagraphs(
    text,
    splitParagraphs(text, from, to),
    language === 'zh' ? ZH_BEAT_CHARS : EN_BEAT_CHARS,
  );
  if (headingTitle !== undefined) paragraphs = dropHeading(text, paragraphs, headingTitle);
  const quotes = findQuotes(text, paragraphs);
  const speakers = attributeSpeakers(text, paragraphs, quotes, mentions, language, carry.speaker);
  carry.speaker =
    language === 'zh' ? null : openSpeaker(text, paragraphs, quotes, speakers, mentions);
  const withSpeakers = quotes.map((quote, i) => ({ quote, speaker: speakers[i] ?? null }));
  const scenes: Scene[] = [];
  const people = new Set(names.values());
  let q = 0;
  for (const slice of splitScenes(text, paragraphs, language)) {
    const inScene: typeof withSpeakers = [];
    while (q < withSpeakers.length && (withSpeakers[q]?.quote.span.start ?? 0) < slice.span.end) {
      const item = withSpeakers[q];
      if (item && item.quote.span.start >= slice.span.start) inScene.push(item);
      q++;
    }
    const panels = buildPanels({
      text,
      paragraphs: slice.paragraphs,
      quotes: inScene,
      mentions,
      language,
      names,
    });
    const characters: string[] = [];
    for (const p of panels)
      for (const id of p.characters) if (!characters.includes(id)) characters.push(id);
    const opening =
      panels.find((p) => p.narration)?.narration ??
      collapse(text.slice(slice.span.start, slice.span.end));
    const first = slice.paragraphs[0];
    const location = first
      ? sceneLocation(
          text.slice(first.start, Math.min(first.end, first.start + 400)),
          language,
          people,
        )
      : undefined;
    scenes.push({
      index: scenes.length + 1,
      summary: firstSentence(opening, language),
      ...(location ? { location } : {}),
      characters,
      span: slice.span,
      panels,
    });
  }
  return scenes;
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

function shift(scene: Scene, offset: number): Scene {
  const move = (s: Span): Span => ({ start: s.start + offset, end: s.end + offset });
  return {
    ...scene,
    span: move(scene.span),
    panels: scene.panels.map((p) => ({ ...p, span: move(p.span) })),
  };
}
