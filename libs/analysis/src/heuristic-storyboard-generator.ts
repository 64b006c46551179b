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
import { DescriptionResolver } from './characters/descriptions';
import { MentionIndex, MentionMatcher } from './characters/mentions';
import { sectionDialogue } from './dialogue/section-dialogue';
import { buildPanels, collapse, firstSentence } from './panels/panels';
import { sceneLocation } from './structure/location';
import { splitScenes } from './structure/scenes';

/** The deterministic, offline generator: scenes, panels, dialogue with speakers and characters
 * from the text itself. Same input, same fragment. */
export class HeuristicStoryboardGenerator implements StoryboardGenerator {
  readonly name = 'heuristic';
  private matcherCache:
    ({ cast: readonly CastMember[]; language: Language } & SectionMatchers) | undefined;

  async generate(input: GenerateInput, signal?: AbortSignal): Promise<Fragment> {
    signal?.throwIfAborted();
    const { chunk, text, language } = input;
    const { matcher, descriptions } = this.matcherFor(input.cast, language);
    const names = new Map(input.cast.map((c) => [c.id, c.name]));
    const offset = chunk.span.start;
    const sections: FragmentSection[] = [];
    const mentions: Record<string, number> = {};
    // Who still speaks at a section's end (a story told over several chapters), for the next.
    const carry: { speaker: string | null } = { speaker: null };
    for (const section of chunk.sections) {
      signal?.throwIfAborted();
      // A chunk that opens inside a told story learns its teller from the plan.
      carry.speaker ??= section.openSpeaker ?? null;
      const from = Math.max(0, section.span.start - offset);
      const to = Math.min(text.length, section.span.end - offset);
      const found = matcher.find(text, from, to);
      // `said the inspector` stands for the Inspector in a scene where he is named.
      const index = new MentionIndex(
        descriptions ? descriptions.add(text, from, to, found) : found,
      );
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
      for (const m of found) mentions[m.castId] = (mentions[m.castId] ?? 0) + 1;
    }
    const sorted: Record<string, number> = {};
    for (const id of Object.keys(mentions).sort()) sorted[id] = mentions[id] as number;
    return { chunkIndex: chunk.index, sections, mentions: sorted, generator: this.name };
  }

  private matcherFor(cast: readonly CastMember[], language: Language): SectionMatchers {
    const c = this.matcherCache;
    if (c && c.cast === cast && c.language === language) return c;
    const matcher = new MentionMatcher(cast, language, true);
    const descriptions = language === 'en' ? new DescriptionResolver(cast) : undefined;
    this.matcherCache = { cast, language, matcher, descriptions };
    return this.matcherCache;
  }
}

interface SectionMatchers {
  matcher: MentionMatcher;
  descriptions: DescriptionResolver | undefined;
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
  const { paragraphs, quotes, speakers, open } = sectionDialogue(
    text,
    from,
    to,
    headingTitle,
    mentions,
    language,
    carry.speaker,
  );
  carry.speaker = open;
  const withSpeakers = quotes.map((quote, i) => ({ quote, speaker: speakers[i] ?? null }));
  const scenes: Scene[] = [];
  const people = peopleOf(names);
  let q = 0;
  for (const slice of splitScenes(text, paragraphs, language)) {
    const inScene: typeof withSpeakers = [];
    while (q < withSpeakers.length && (withSpeakers[q]?.quote.span.start ?? 0) < slice.span.end) {
      const item = withSpeakers[q];
      if (item && item.quote.span.start >= slice.span.start) inScene.push(item);
      q++;
    }
    const first = slice.paragraphs[0];
    const location = first
      ? sceneLocation(
          text.slice(first.start, Math.min(first.end, first.start + 400)),
          language,
          people,
        )
      : undefined;
    const panels = buildPanels({
      text,
      paragraphs: slice.paragraphs,
      quotes: inScene,
      mentions,
      language,
      names,
      ...(location ? { location } : {}),
    });
    const characters: string[] = [];
    for (const p of panels)
      for (const id of p.characters) if (!characters.includes(id)) characters.push(id);
    const opening =
      panels.find((p) => p.narration)?.narration ??
      collapse(text.slice(slice.span.start, slice.span.end));
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

/** The cast's names as a set, made once per names map (one map serves a whole chunk). */
const peopleByNames = new WeakMap<ReadonlyMap<string, string>, ReadonlySet<string>>();

function peopleOf(names: ReadonlyMap<string, string>): ReadonlySet<string> {
  let people = peopleByNames.get(names);
  if (!people) peopleByNames.set(names, (people = new Set(names.values())));
  return people;
}

function moved(s: Span, offset: number): Span {
  return { start: s.start + offset, end: s.end + offset };
}

/** Moves a fresh scene's spans by `offset`, in place (no copy of every panel). */
function shift(scene: Scene, offset: number): Scene {
  scene.span = moved(scene.span, offset);
  for (const p of scene.panels) p.span = moved(p.span, offset);
  return scene;
}
