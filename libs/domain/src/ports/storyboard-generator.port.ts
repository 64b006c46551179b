import type { CastMember, ChunkSpec, Fragment } from '../storyboard/chunk-plan.schema';
import type { Language } from '../storyboard/storyboard.schema';

export interface GenerateInput {
  chunk: ChunkSpec;
  /** The chunk's text: `text[0]` is the character at offset `chunk.span.start`. */
  text: string;
  language: Language;
  cast: CastMember[];
}

/** Turns one chunk of a novel into a storyboard fragment. */
export interface StoryboardGenerator {
  /** Recorded in the storyboard's stats, e.g. `heuristic`. */
  readonly name: string;

  /**
   * One fragment with a section for every section of the chunk, spans absolute (offsets into
   * the whole text) and character ids from `cast`. Throws `GeneratorUnavailableError` when a
   * retry may help, `GeneratorOutputError` when it will not.
   */
  generate(input: GenerateInput, signal?: AbortSignal): Promise<Fragment>;
}
