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
  /** Cast members named in this paragraph's own narration. */
  named: string[];
  /** The pronoun of its cue when that cue could not be resolved (`said he` with two men in
   * view); an exchange may still tell who it is. */
  pronoun?: 'he' | 'she' | 'I';
  /** True when its cue names someone outside the cast (`said the spy`). */
  unknownCue?: boolean;
}

/** Whether a cast member may be the one a pronoun cue means. */
export type PronounFits = (id: string, pronoun: 'he' | 'she' | 'I') => boolean;

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
  fits: PronounFits = () => false,
): void {
  const linked = links(turns, breaks);
  for (let k = 1; k < turns.length; k++) answerTurn(turns, k, linked, speakers, fits);
  let runStart = 0;
  for (let k = 1; k <= turns.length; k++) {
    if (k < turns.length && linked[k]) continue;
    alternate(turns.slice(runStart, k), speakers, fits);
    runStart = k;
  }
}

/**
 * Turn `k` when it is an uncued line right after another speech (`linked`: see `links`): the one
 * the previous line calls, or the one who spoke before it. A function of its own, not the body of
 * `takeTurns`' loop: V8 charges a loop's whole body to every pass (most turns leave at once), and
 * that made `takeTurns`, run once per section, hot enough for an optimising compile (measured).
 */
function answerTurn(
  turns: readonly DialogueParagraph[],
  k: number,
  linked: readonly boolean[],
  speakers: (string | null)[],
  fits: PronounFits,
): void {
  const t = turns[k] as DialogueParagraph;
  const prev = turns[k - 1] as DialogueParagraph;
  if (t.speaker !== null || t.cued || t.namesSomeone || !linked[k]) return;
  if (!prev.speaker) {
    answerCall(t, prev, speakers);
    return;
  }
  let other: string | null = prev.addressed.find((id) => id !== prev.speaker) ?? null;
  if (!other) {
    const before = turns[k - 2];
    if (before && linked[k - 1] && before.speaker !== prev.speaker) other = before.speaker;
  }
  if (!other) {
    const others = prev.context.filter((id) => id !== prev.speaker);
    if (others.length === 1) other = others[0] as string;
  }
  if (!other || t.addressed.includes(other)) return;
  // The line before the previous one is this side's: its `she said` may rule `other` out.
  const side = turns[k - 2];
  if (side && !side.speaker && side.pronoun && linked[k - 1] && !fits(other, side.pronoun)) return;
  assign(t, other, speakers);
}

/** An uncued line after one whose speaker is unknown. */
function answerCall(
  t: DialogueParagraph,
  prev: DialogueParagraph,
  speakers: (string | null)[],
): void {
  // `“…, Sydney.”` answered by an uncued line: Sydney answers.
  const only = prev.addressed.length === 1 ? (prev.addressed[0] as string) : null;
  if (only && !t.addressed.includes(only)) assign(t, only, speakers);
  else if (t.addressed.length > 0) {
    // A line addressing someone, in a scene of two named people: the other one speaks it.
    const others = t.context.filter((id) => !t.addressed.includes(id));
    if (others.length === 1) assign(t, others[0] as string, speakers);
  }
}

/**
 * For each turn, whether it follows the one before in an exchange: at most three paragraphs on,
 * with nothing between that breaks the exchange. Found once per turn (turn-taking asks again and
 * again, and each answer reads the mentions between).
 */
function links(
  turns: readonly DialogueParagraph[],
  breaks: (from: number, to: number) => boolean,
): boolean[] {
  const out = [false];
  for (let k = 1; k < turns.length; k++) {
    const a = (turns[k - 1] as DialogueParagraph).paragraph;
    const b = (turns[k] as DialogueParagraph).paragraph;
    out.push(b > a && b - a <= 3 && !breaks(a + 1, b));
  }
  return out;
}

/**
 * One run of speech paragraphs with nothing between them that breaks the exchange: cut into
 * stretches where the known speakers alternate between two people (A B A B …), and fill the
 * unknown lines of each stretch by that alternation, backwards as well as forwards. Lines
 * between two known lines always; lines before the first or after the last known one only at
 * the run's own ends (not where a third speaker cut the stretch). A line is never given to the
 * person it addresses, nor to someone a pronoun cue or its own narration rules out.
 */
function alternate(
  run: readonly DialogueParagraph[],
  speakers: (string | null)[],
  fits: PronounFits,
): void {
  if (run.length < 2) return;
  let start = 0;
  let cls: [string | null, string | null] = [null, null];
  let cutAtStart = false;
  for (let i = 0; i <= run.length; i++) {
    const s = i < run.length ? (run[i] as DialogueParagraph).speaker : null;
    if (i < run.length && (!s || consistent(cls, i % 2, s))) {
      if (s) cls[i % 2] = s;
      continue;
    }
    const end = i;
    fillStretch(run, start, end, cls, cutAtStart, i < run.length, speakers, fits);
    if (i === run.length) break;
    // A third speaker (or a repeated one): a new stretch from the line before, if known.
    const prev = (run[i - 1] as DialogueParagraph).speaker;
    cls = [null, null];
    cls[i % 2] = s;
    if (prev && prev !== s) {
      cls[(i - 1) % 2] = prev;
      start = i - 1;
    } else start = i;
    cutAtStart = true;
  }
}

function consistent(cls: readonly (string | null)[], c: number, s: string): boolean {
  return (cls[c] === null || cls[c] === s) && cls[1 - c] !== s;
}

function fillStretch(
  run: readonly DialogueParagraph[],
  start: number,
  end: number,
  cls: [string | null, string | null],
  cutAtStart: boolean,
  cutAtEnd: boolean,
  speakers: (string | null)[],
  fits: PronounFits,
): void {
  const known: number[] = [];
  for (let i = start; i < end; i++) if ((run[i] as DialogueParagraph).speaker) known.push(i);
  // No known line, nothing to alternate from; every line known (most stretches of Chinese
  // dialogue, each line with its cue), nothing to fill: its loops made this function hot enough
  // for an optimising compile (measured).
  if (known.length === 0 || known.length === end - start) return;
  // The other class from a line that addresses one person by name, or the scene's one other.
  for (let c = 0; c < 2; c++) {
    if (cls[c] !== null) continue;
    const them = cls[1 - c] as string;
    const called = new Set<string>();
    for (let i = start; i < end; i++)
      if (i % 2 !== c) for (const id of (run[i] as DialogueParagraph).addressed) called.add(id);
    called.delete(them);
    if (called.size === 1) cls[c] = [...called][0] as string;
    else if (called.size === 0) {
      const others = new Set<string>();
      for (let i = start; i < end; i++)
        for (const id of (run[i] as DialogueParagraph).context) if (id !== them) others.add(id);
      if (others.size === 1) cls[c] = [...others][0] as string;
    }
  }
  const first = known[0] as number;
  const last = known[known.length - 1] as number;
  const from = cutAtStart ? first : start;
  // After a third speaker came in, only lines bounded by known ones on both sides.
  const to = cutAtEnd || cutAtStart ? last : end - 1;
  // A pronoun cue on a line of one side that its person cannot be (`she said`, the side being
  // `the Ghost`): someone outside the cast holds that side; none of its lines is filled.
  const ruledOut = [false, false];
  for (let i = from; i <= to; i++) {
    const t = run[i] as DialogueParagraph;
    const who = cls[i % 2];
    if (!t.speaker && who && t.pronoun && !fits(who, t.pronoun)) ruledOut[i % 2] = true;
  }
  for (let i = from; i <= to; i++) {
    const t = run[i] as DialogueParagraph;
    const who = ruledOut[i % 2] ? null : cls[i % 2];
    if (t.speaker || !who || t.unknownCue || t.addressed.includes(who)) continue;
    if (t.named.some((id) => id !== cls[0] && id !== cls[1])) continue;
    if (t.pronoun && !fits(who, t.pronoun)) continue;
    if (t.cued && !t.pronoun) continue;
    assign(t, who, speakers);
  }
}

function assign(t: DialogueParagraph, speaker: string, speakers: (string | null)[]): void {
  t.speaker = speaker;
  for (const qi of t.quotes) speakers[qi] = speaker;
}
