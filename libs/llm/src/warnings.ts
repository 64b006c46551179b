/** What the generator fixed or dropped in the model's answers instead of failing the job;
 * counted per generator instance (see `QwenStoryboardGenerator.warnings`). */
export interface GeneratorWarnings {
  /** A character or speaker given by name or alias instead of id, mapped to the id. */
  mappedCharacters: number;
  /** A character id that is not in the cast: dropped from `characters`. */
  unknownCharacters: number;
  /** A speaker that is not in the cast: set to null. */
  unknownSpeakers: number;
  /** A shot written as a synonym (`close up`, `特写`): mapped to the allowed name. */
  mappedShots: number;
  /** A shot that matched nothing: `medium`. */
  unknownShots: number;
  /** A panel whose anchor was not found in its section: it takes its scene's span. */
  unresolvedPanelAnchors: number;
  /** A scene with no anchor found (its own or any panel's): it takes its section's span. */
  unresolvedSceneAnchors: number;
  /** A dialogue line with no text: dropped. */
  emptyDialogueLines: number;
  /** An answer cut off at the output limit (`finish_reason: length`) and repaired. */
  truncatedAnswers: number;
  /** An answer that failed the checks and was asked for again. */
  reasks: number;
}

export function noWarnings(): GeneratorWarnings {
  return {
    mappedCharacters: 0,
    unknownCharacters: 0,
    unknownSpeakers: 0,
    mappedShots: 0,
    unknownShots: 0,
    unresolvedPanelAnchors: 0,
    unresolvedSceneAnchors: 0,
    emptyDialogueLines: 0,
    truncatedAnswers: 0,
    reasks: 0,
  };
}

export function addWarnings(into: GeneratorWarnings, more: Partial<GeneratorWarnings>): void {
  for (const [k, v] of Object.entries(more) as [keyof GeneratorWarnings, number][]) into[k] += v;
}
