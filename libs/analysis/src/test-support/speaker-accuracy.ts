import type { CastMember } from '@storyboard/domain';
import type { LabelledLine } from '../dialogue/labelled-speakers';
import type { PipelineResult } from './run-pipeline';

export interface SpeakerScore {
  lines: number;
  /** Lines the engine named a speaker for. */
  attributed: number;
  /** Attributed lines whose speaker is right. */
  correct: number;
  /** Labelled lines not found among the engine's dialogue lines. */
  missing: number;
  wrong: string[];
  /** Labelled lines the engine left without a speaker. */
  unattributed: string[];
}

interface Spoken {
  at: number;
  text: string;
  speaker: string | null;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/^(mr|mrs|dr)\.\s+/, '');

/** Scores the engine's speakers against labelled lines of one book. */
export function scoreSpeakers(
  result: PipelineResult,
  labelled: readonly LabelledLine[],
): SpeakerScore {
  const spoken: Spoken[] = [];
  for (const f of result.fragments)
    for (const s of f.sections)
      for (const sc of s.scenes)
        for (const p of sc.panels)
          for (const d of p.dialogue)
            spoken.push({ at: p.span.start, text: collapse(d.text), speaker: d.speaker });
  const byId = new Map<string, CastMember>(result.cast.map((c) => [c.id, c]));
  const score: SpeakerScore = {
    lines: 0,
    attributed: 0,
    correct: 0,
    missing: 0,
    wrong: [],
    unattributed: [],
  };
  for (const [, offset, opening, expected] of labelled) {
    score.lines++;
    let best: Spoken | undefined;
    for (const line of spoken)
      if (line.text.startsWith(opening) && line.at <= offset + 50)
        if (!best || Math.abs(offset - line.at) < Math.abs(offset - best.at)) best = line;
    if (!best) {
      score.missing++;
      continue;
    }
    if (best.speaker === null) {
      score.unattributed.push(`@${offset} “${opening}” (expected ${expected})`);
      continue;
    }
    score.attributed++;
    const member = byId.get(best.speaker);
    const names = member ? [member.name, ...member.aliases].map(norm) : [];
    const ok = expected !== null && expected.split('|').some((e) => names.includes(norm(e)));
    if (ok) score.correct++;
    else
      score.wrong.push(
        `@${offset} “${opening}” → ${member?.name ?? best.speaker} (expected ${expected})`,
      );
  }
  return score;
}
