import type {
  CastMember,
  ChunkSpec,
  Fragment,
  FragmentUsage,
} from '../storyboard/chunk-plan.schema';
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
   * The largest chunk (UTF-16 units) this generator handles well for a text in `language`,
   * e.g. what fits an LLM's context and output limits. Absent: no limit of its own. `prepare`
   * cuts chunks at the smaller of this and the configured `CHUNK_MAX_CHARS`.
   */
  maxChunkChars?(language: Language): number;

  /** What `usage` (tokens this generator reported) costs in USD by its price table, or
   * undefined when no price is known. Absent: the generator spends no tokens. The domain
   * knows no prices; it records what this says. */
  estimateCostUsd?(usage: FragmentUsage): number | undefined;

  /**
   * One fragment with a section for every section of the chunk, spans absolute (offsets into
   * the whole text) and character ids from `cast`. Throws `GeneratorUnavailableError` when a
   * retry may help, `GeneratorOutputError` when it will not.
   */
  generate(input: GenerateInput, signal?: AbortSignal): Promise<Fragment>;
}
