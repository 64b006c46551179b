import type { ChunkPlan, Fragment, FragmentUsage } from '../storyboard/chunk-plan.schema';
import type { Chapter, Character, Scene, Storyboard } from '../storyboard/storyboard.schema';
import { ArtifactMissingError } from '../errors';
import { addUsage } from './usage';

/** What the storyboard has besides its chapters, known once every fragment is in. */
export type StoryboardRest = Omit<Storyboard, 'chapters' | 'novel' | 'stats'> & {
  stats: Omit<Storyboard['stats'], 'generator' | 'durationMs'>;
};

/**
 * Merges chunk fragments into chapters one fragment at a time, in chunk order, so a book of
 * any size is assembled holding one chunk's scenes at a time: a chapter's parts are joined
 * in order, scenes and panels renumbered 1… within their chapter and scene, and a chapter
 * is handed out as soon as no later chunk can add to it. `finish` gives the last chapters
 * and the character roster (the plan's cast with the fragments' mention counts,
 * most-mentioned first; characters never mentioned left out) and, when fragments report
 * them, the tokens their generator spent (summed, unpriced). Deterministic.
 */
export class StoryboardAssembler {
  private nextChunk = 0;
  private nextChapter = 0;
  private readonly pending = new Map<number, Scene[]>();
  private readonly firstChapter = new Map<string, number>();
  private readonly mentions = new Map<string, number>();
  private readonly stats = { chapters: 0, scenes: 0, panels: 0, dialogueLines: 0 };
  private usage: FragmentUsage | undefined;

  constructor(private readonly plan: ChunkPlan) {}

  /** Adds the fragment of the next chunk; returns the chapters it completed, in order. */
  add(fragment: Fragment): Chapter[] {
    const chunk = this.plan.chunks[this.nextChunk];
    if (!chunk || fragment.chunkIndex !== chunk.index) {
      throw new ArtifactMissingError(
        `Chunk ${chunk?.index ?? this.nextChunk} has no saved fragment (got chunk ${fragment.chunkIndex}).`,
      );
    }
    this.nextChunk++;
    if (fragment.usage) this.usage = addUsage(this.usage, fragment.usage);
    for (const [id, count] of Object.entries(fragment.mentions)) {
      this.mentions.set(id, (this.mentions.get(id) ?? 0) + count);
    }
    const sections = [...fragment.sections].sort(
      (a, b) => a.chapterIndex - b.chapterIndex || a.part - b.part,
    );
    for (const section of sections) {
      const scenes = this.pending.get(section.chapterIndex) ?? [];
      scenes.push(...section.scenes);
      this.pending.set(section.chapterIndex, scenes);
    }
    // Chunks are chapter-aligned and in text order: chapters before the next chunk's first
    // chapter are complete.
    const next = this.plan.chunks[this.nextChunk]?.sections[0]?.chapterIndex;
    return this.emitBefore(next ?? Number.POSITIVE_INFINITY);
  }

  /** The chapters not handed out yet, and the rest of the storyboard. Call once, after the
   * last chunk's fragment. */
  finish(): { chapters: Chapter[]; rest: StoryboardRest } {
    if (this.nextChunk < this.plan.chunks.length) {
      throw new ArtifactMissingError(`Chunk ${this.nextChunk} has no saved fragment.`);
    }
    const chapters = this.emitBefore(Number.POSITIVE_INFINITY);
    const characters: Character[] = this.plan.cast
      .map((member, order) => ({
        order,
        character: {
          id: member.id,
          name: member.name,
          aliases: member.aliases,
          mentions: this.mentions.get(member.id) ?? 0,
          firstChapter: this.firstChapter.get(member.id) ?? null,
        },
      }))
      .filter(({ character }) => character.mentions > 0 || character.firstChapter !== null)
      .sort((a, b) => b.character.mentions - a.character.mentions || a.order - b.order)
      .map(({ character }) => character);
    const stats = { ...this.stats, ...(this.usage ? { usage: this.usage } : {}) };
    return { chapters, rest: { schemaVersion: 1, characters, stats } };
  }

  private emitBefore(chapterIndex: number): Chapter[] {
    const out: Chapter[] = [];
    for (;;) {
      const outline = this.plan.chapters[this.nextChapter];
      if (!outline || outline.index >= chapterIndex) return out;
      this.nextChapter++;
      const scenes = (this.pending.get(outline.index) ?? []).map((scene, s) => {
        for (const id of sceneCharacterIds(scene)) {
          if (!this.firstChapter.has(id)) this.firstChapter.set(id, outline.index);
        }
        return {
          ...scene,
          index: s + 1,
          panels: scene.panels.map((panel, p) => ({ ...panel, index: p + 1 })),
        };
      });
      this.pending.delete(outline.index);
      this.stats.chapters++;
      this.stats.scenes += scenes.length;
      for (const scene of scenes) {
        this.stats.panels += scene.panels.length;
        for (const panel of scene.panels) this.stats.dialogueLines += panel.dialogue.length;
      }
      out.push({ index: outline.index, title: outline.title, span: outline.span, scenes });
    }
  }
}

function* sceneCharacterIds(scene: Scene): Iterable<string> {
  yield* scene.characters;
  for (const panel of scene.panels) {
    yield* panel.characters;
    for (const line of panel.dialogue) if (line.speaker) yield line.speaker;
  }
}
