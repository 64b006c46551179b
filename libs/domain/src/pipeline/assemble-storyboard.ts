import type { ChunkPlan, Fragment } from '../storyboard/chunk-plan.schema';
import type { Chapter, NovelInfo, Storyboard } from '../storyboard/storyboard.schema';
import { ArtifactMissingError } from '../errors';
import { StoryboardAssembler } from './storyboard-assembler';
import type { PriceUsage } from './usage';
import { priceUsage } from './usage';

export interface AssembleInput {
  plan: ChunkPlan;
  /** One fragment per chunk of the plan, in any order. */
  fragments: readonly Fragment[];
  novel: Omit<NovelInfo, 'language' | 'encoding' | 'length'>;
  generator: string;
  durationMs: number;
  /** Prices the summed token usage (the generator's price table); absent: no cost. */
  estimateCostUsd?: PriceUsage;
}

/**
 * Merges chunk fragments into one storyboard (see `StoryboardAssembler`, which does it one
 * fragment at a time): a chapter's parts are joined in order, scenes and panels renumbered
 * 1… within their chapter and scene, and one global character roster built from the plan's
 * cast with the fragments' mention counts (most-mentioned first; characters never mentioned
 * are left out). Pure and deterministic.
 */
export function assembleStoryboard(input: AssembleInput): Storyboard {
  const { plan } = input;
  const byChunk = new Map(input.fragments.map((f) => [f.chunkIndex, f]));
  const assembler = new StoryboardAssembler(plan);
  const chapters: Chapter[] = [];
  for (const chunk of plan.chunks) {
    const fragment = byChunk.get(chunk.index);
    if (!fragment) throw new ArtifactMissingError(`Chunk ${chunk.index} has no saved fragment.`);
    chapters.push(...assembler.add(fragment));
  }
  const end = assembler.finish();
  chapters.push(...end.chapters);
  const { usage: tokens, ...stats } = end.rest.stats;
  return {
    schemaVersion: 1,
    novel: {
      ...input.novel,
      language: plan.language,
      encoding: plan.encoding,
      length: plan.length,
    },
    characters: end.rest.characters,
    chapters,
    stats: {
      ...stats,
      generator: input.generator,
      durationMs: input.durationMs,
      ...(tokens ? { usage: priceUsage(tokens, input.estimateCostUsd) } : {}),
    },
  };
}
