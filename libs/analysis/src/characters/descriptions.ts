import type { CastMember } from '@storyboard/domain';
import { EN_SPEECH_VERB } from '../dialogue/english-cues';
import { MentionIndex, type Mention } from './mentions';

/** Titles a cast member goes by (`Madame Defarge`, `the Inspector`, `Uncle Scrooge`) that the
 * text also writes on their own as a description (`said madame`, `remarked the inspector`,
 * `returned the uncle`). Not Mr/Mrs/Miss/Master: too many people share them. */
const TITLES = [
  'doctor',
  'madame',
  'monsieur',
  'mademoiselle',
  'uncle',
  'aunt',
  'colonel',
  'captain',
  'inspector',
  'professor',
  'sergeant',
  'major',
  'general',
  'marquis',
];
const DESCRIPTION = new RegExp(`\\b(?:(the)\\s+)?(${TITLES.join('|')})\\b`, 'gi');
const VERB_BEFORE = new RegExp(`\\b(?:${EN_SPEECH_VERB})\\s+$`, 'i');
const VERB_AFTER = new RegExp(`^\\s+(?:[a-z]+ly\\s+)?(?:${EN_SPEECH_VERB})\\b`, 'i');
/** How far back (UTF-16 units) the one cast member with that title must have been named. */
const SCENE_CHARS = 4000;

/**
 * English descriptions that stand for a cast member in a scene: `the inspector` / `madame` /
 * `the uncle` is the one cast member going by that title (`the Inspector`, `Madame Defarge`,
 * `Uncle Scrooge`) when they are the only such member named in the ~4,000 characters before,
 * and only as the subject of a speech cue (`said madame`, `the inspector remarked`).
 */
export class DescriptionResolver {
  private readonly byTitle = new Map<string, string[]>();

  constructor(cast: readonly CastMember[]) {
    for (const member of cast)
      for (const form of [member.name, ...member.aliases]) {
        const title = /^(?:the\s+)?([A-Z][a-z]+)\b/.exec(form)?.[1]?.toLowerCase();
        if (!title || !TITLES.includes(title)) continue;
        const ids = this.byTitle.get(title) ?? [];
        if (!ids.includes(member.id)) this.byTitle.set(title, [...ids, member.id]);
      }
  }

  /** `mentions` (sorted, of `text[from, to)`) with the descriptions resolved added, sorted. */
  add(text: string, from: number, to: number, mentions: readonly Mention[]): Mention[] {
    if (this.byTitle.size === 0) return [...mentions];
    const added: Mention[] = [];
    const taken = new Set(mentions.map((m) => m.start));
    const index = new MentionIndex(mentions);
    DESCRIPTION.lastIndex = from;
    for (let m = DESCRIPTION.exec(text); m && m.index < to; m = DESCRIPTION.exec(text)) {
      const word = m[2] as string;
      const start = m.index + m[0].length - word.length;
      const end = start + word.length;
      // `Monsieur Gabelle`, `Monsieur the Marquis`: a title in front of a name is not alone.
      if (end > to || taken.has(start) || /^\s+(?:the\s+)?[A-Z]/.test(text.slice(end, end + 6)))
        continue;
      const ids = this.byTitle.get(word.toLowerCase());
      if (!ids) continue;
      // Only as the subject of a speech cue: `said madame`, `the inspector remarked`.
      const cueStart = m.index;
      const verbBefore = VERB_BEFORE.test(text.slice(Math.max(from, cueStart - 30), cueStart));
      if (!verbBefore && !VERB_AFTER.test(text.slice(end, end + 30))) continue;
      const present = new Set(
        index
          .between(Math.max(from, start - SCENE_CHARS), start)
          .filter((x) => ids.includes(x.castId))
          .map((x) => x.castId),
      );
      if (present.size === 1) added.push({ castId: [...present][0] as string, start, end });
    }
    if (added.length === 0) return [...mentions];
    return [...mentions, ...added].sort((a, b) => a.start - b.start);
  }
}
