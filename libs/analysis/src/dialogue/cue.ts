import type { Mention } from '../characters/mentions';

/** A pronoun in a speech cue (`said he`, `she asked`, `said I`), resolved later from context. */
export interface PronounCue {
  pronoun: 'he' | 'she' | 'I';
}

/** A cast id when a cue names a known speaker, a pronoun cue, null when a cue names someone
 * unknown (`said a voice`, `一个小妖道`), undefined when there is no cue at all. */
export type Cue = string | PronounCue | null | undefined;

/** The cast mentions inside [start, end). */
export type Near = (start: number, end: number) => Mention[];

export function isPronoun(c: Cue): c is PronounCue {
  return typeof c === 'object' && c !== null;
}
