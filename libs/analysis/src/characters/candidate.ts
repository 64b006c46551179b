/** A name found by a language-specific extractor, before alias merging. */
export interface NameCandidate {
  /** The form shown to users, e.g. `the Queen`, `Mr. Darcy`, `悟空`. */
  name: string;
  /** Other forms of the same name that the text itself links (e.g. `Darcy` for `Mr. Darcy`). */
  aliases: string[];
  /** Evidence count used to rank candidates before mention counting. */
  score: number;
  /** Chinese only: how often each character stands right before the name (for surnames). */
  before?: Map<string, number>;
}
