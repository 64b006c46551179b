/** What turn-taking needs to know about one paragraph that holds dialogue. */
export interface DialogueParagraph {
  paragraph: number;
  /** Indexes of its quotes. */
  quotes: number[];
  /** Speaker of its first quote after cues, or null. */
  speaker: string | null;
  /** True when any of its quotes carries a cue (even one naming nobody known) or it continues a
   * speech. */
  cued: boolean;
  /** True when its narration names a cast member. */
  namesSomeone: boolean;
  /** Cast members its quotes address by name. */
  addressed: string[];
  /** Cast members named in the narration of this paragraph and the three before it. */
  context: string[];
}

/**
 * Two-person exchanges: an uncued paragraph of speech right after another speech paragraph is
 * spoken by the one the previous speech addressed by name, else by the speaker before the
 * previous one; the chain stops at a paragraph of narration or one whose narration names
 * someone, and never gives a line to the person that line addresses. Fills `speakers`.
 */
export function takeTurns(
  turns: readonly DialogueParagraph[],
  speakers: (string | null)[],
  breaks: (from: number, to: number) => boolean,
): void {
  const follows = (a: DialogueParagraph, b: DialogueParagraph) =>
    b.paragraph > a.paragraph &&
    b.paragraph - a.paragraph <= 3 &&
    !breaks(a.paragraph + 1, b.paragraph);
  for (let k = 1; k < turns.length; k++) {
    const t = turns[k] as DialogueParagraph;
    const prev = turns[k - 1] as DialogueParagraph;
    if (t.speaker !== null || t.cued || t.namesSomeone) continue;
    if (!follows(prev, t)) continue;
    if (!prev.speaker) {
      // `“…, Sydney.”` answered by an uncued line: Sydney answers.
      const only = prev.addressed.length === 1 ? (prev.addressed[0] as string) : null;
      if (only && !t.addressed.includes(only)) assign(t, only, speakers);
      else if (t.addressed.length > 0) {
        // A line addressing someone, in a scene of two named people: the other one speaks it.
        const others = t.context.filter((id) => !t.addressed.includes(id));
        if (others.length === 1) assign(t, others[0] as string, speakers);
      }
      continue;
    }
    let other: string | null = prev.addressed.find((id) => id !== prev.speaker) ?? null;
    if (!other) {
      const before = turns[k - 2];
      if (before && follows(before, prev) && before.speaker !== prev.speaker)
        other = before.speaker;
    }
    if (!other) {
      const others = prev.context.filter((id) => id !== prev.speaker);
      if (others.length === 1) other = others[0] as string;
    }
    if (!other || t.addressed.includes(other)) continue;
    assign(t, other, speakers);
  }
}

function assign(t: DialogueParagraph, speaker: string, speakers: (string | null)[]): void {
  t.speaker = speaker;
  for (const qi of t.quotes) speakers[qi] = speaker;
}
