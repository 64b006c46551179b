import type { ChunkPlan, Fragment } from '../../storyboard/chunk-plan.schema';
import { FragmentSchema } from '../../storyboard/chunk-plan.schema';
import { GeneratorOutputError } from '../../errors';

/** A generator's output is untrusted (an LLM's especially): check its shape and keep only
 * what refers to this chunk and this cast. */
export function sanitizeFragment(raw: unknown, plan: ChunkPlan, chunkIndex: number): Fragment {
  const parsed = FragmentSchema.safeParse(raw);
  if (!parsed.success) {
    throw new GeneratorOutputError(
      `The generator returned an invalid fragment for chunk ${chunkIndex}: ${parsed.error.issues[0]?.message ?? 'unknown issue'}.`,
    );
  }
  const castIds = new Set(plan.cast.map((c) => c.id));
  const known = (ids: string[]) => ids.filter((id) => castIds.has(id));
  const chapterIndexes = new Set(plan.chunks[chunkIndex]?.sections.map((s) => s.chapterIndex));
  return {
    ...parsed.data,
    chunkIndex,
    sections: parsed.data.sections
      .filter((s) => chapterIndexes.has(s.chapterIndex))
      .map((section) => ({
        ...section,
        scenes: section.scenes.map((scene) => ({
          ...scene,
          characters: known(scene.characters),
          panels: scene.panels.map((panel) => ({
            ...panel,
            characters: known(panel.characters),
            dialogue: panel.dialogue.map((line) => ({
              ...line,
              speaker: line.speaker && castIds.has(line.speaker) ? line.speaker : null,
            })),
          })),
        })),
      })),
    mentions: Object.fromEntries(
      Object.entries(parsed.data.mentions).filter(([id]) => castIds.has(id)),
    ),
  };
}
