import type { ChunkPlan, Fragment } from '../storyboard/chunk-plan.schema';
import type {
  Chapter,
  Character,
  NovelInfo,
  Scene,
  Storyboard,
} from '../storyboard/storyboard.schema';
import { ArtifactMissingError } from '../errors';

export interface AssembleInput {
  plan: ChunkPlan;
  /** One fragment per chunk of the plan, in any order. */
  fragments: readonly Fragment[];
  novel: Omit<NovelInfo, 'language' | 'encoding' | 'length'>;
  generator: string;
  durationMs: number;
}

/**
 * Merges chunk fragments into one storyboard: a chapter's parts are joined in order, scenes
 * and panels renumbered 1… within their chapter and scene, and one global character roster
 * built from the plan's cast with the fragments' mention counts (most-mentioned first;
 * characters never mentioned are left out). Pure and deterministic.
 */
export function assembleStoryboard(input: AssembleInput): Storyboard {
  const { plan } = input;
  const byChunk = new Map(input.fragments.map((f) => [f.chunkIndex, f]));
  const scenesByChapter = new Map<number, Scene[]>();
  for (const chunk of plan.chunks) {
    const fragment = byChunk.get(chunk.index);
    if (!fragment) throw new ArtifactMissingError(`Chunk ${chunk.index} has no saved fragment.`);
    const sections = [...fragment.sections].sort(
      (a, b) => a.chapterIndex - b.chapterIndex || a.part - b.part,
    );
    for (const section of sections) {
      const scenes = scenesByChapter.get(section.chapterIndex) ?? [];
      scenes.push(...section.scenes);
      scenesByChapter.set(section.chapterIndex, scenes);
    }
  }

  const firstChapter = new Map<string, number>();
  const chapters: Chapter[] = plan.chapters.map((outline) => {
    const scenes = (scenesByChapter.get(outline.index) ?? []).map((scene, s) => {
      for (const id of sceneCharacterIds(scene)) {
        if (!firstChapter.has(id)) firstChapter.set(id, outline.index);
      }
      return {
        ...scene,
        index: s + 1,
        panels: scene.panels.map((panel, p) => ({ ...panel, index: p + 1 })),
      };
    });
    return { index: outline.index, title: outline.title, span: outline.span, scenes };
  });

  const mentions = new Map<string, number>();
  for (const fragment of input.fragments) {
    for (const [id, count] of Object.entries(fragment.mentions)) {
      mentions.set(id, (mentions.get(id) ?? 0) + count);
    }
  }
  const characters: Character[] = plan.cast
    .map((member, order) => ({
      order,
      character: {
        id: member.id,
        name: member.name,
        aliases: member.aliases,
        mentions: mentions.get(member.id) ?? 0,
        firstChapter: firstChapter.get(member.id) ?? null,
      },
    }))
    .filter(({ character }) => character.mentions > 0 || character.firstChapter !== null)
    .sort((a, b) => b.character.mentions - a.character.mentions || a.order - b.order)
    .map(({ character }) => character);

  const allScenes = chapters.flatMap((c) => c.scenes);
  const allPanels = allScenes.flatMap((s) => s.panels);
  return {
    schemaVersion: 1,
    novel: {
      ...input.novel,
      language: plan.language,
      encoding: plan.encoding,
      length: plan.length,
    },
    characters,
    chapters,
    stats: {
      chapters: chapters.length,
      scenes: allScenes.length,
      panels: allPanels.length,
      dialogueLines: allPanels.reduce((n, p) => n + p.dialogue.length, 0),
      generator: input.generator,
      durationMs: input.durationMs,
    },
  };
}

function* sceneCharacterIds(scene: Scene): Iterable<string> {
  yield* scene.characters;
  for (const panel of scene.panels) {
    yield* panel.characters;
    for (const line of panel.dialogue) if (line.speaker) yield line.speaker;
  }
}
