import type { Language, Shot } from '@storyboard/domain';
import { focusOf } from './shots';

/** What a panel shows, as the analysis knows it. */
export interface PanelFacts {
  shot: Shot;
  language: Language;
  narration: string;
  /** Names of the cast members in the panel, in order of appearance. */
  inFrame: readonly string[];
  /** Names of the panel's named speakers, in order, each once. */
  speakers: readonly string[];
  /** What a speaker does as they speak, from the cue (`Elsie, pressing her nose to the window`). */
  action?: string;
  /** Who spoke the panel before, the listener of a lone speaker here. */
  listener?: string;
  /** Where the scene is, when the text says so. */
  location?: string;
}

const EN_SHOT: Record<Shot, string> = {
  establishing: 'Establishing shot',
  wide: 'Wide shot',
  medium: 'Medium shot',
  'close-up': 'Close-up',
  'extreme-close-up': 'Extreme close-up',
  'over-the-shoulder': 'Over-the-shoulder shot',
  insert: 'Insert',
};
const ZH_SHOT: Record<Shot, string> = {
  establishing: '远景',
  wide: '全景',
  medium: '中景',
  'close-up': '特写',
  'extreme-close-up': '大特写',
  'over-the-shoulder': '过肩镜头',
  insert: '插入镜头',
};

/**
 * The art note of a panel: the framing, who is in it and what the frame holds — who speaks to
 * whom, what a speaker does, the place or object the narration puts in view — rather than the
 * narration again (the caption box shows that). Built only from what the analysis found:
 * nothing is invented, and a panel with nobody and nothing named gets its framing alone.
 */
export function artNote(f: PanelFacts): string {
  const zh = f.language === 'zh';
  const shot = (zh ? ZH_SHOT : EN_SHOT)[f.shot];
  const inView = f.inFrame.filter((n) => !f.speakers.includes(n));
  // Over the shoulder of the one who spoke before, when nobody else is named in the panel.
  const others = inView.length === 0 && f.listener ? [f.listener] : inView;
  const focus = focusOf(f.shot, f.narration, f.language);
  const wide = f.shot === 'wide' || f.shot === 'establishing';
  const place = wide ? (f.location ?? focus) : undefined;
  const thing = f.shot === 'insert' ? focus : undefined;
  if (zh) {
    const who = f.speakers.length > 0 ? speechZh(f.speakers, others) : f.inFrame.join('、');
    const parts = [place, thing, who].filter((p): p is string => !!p);
    return parts.length > 0 ? `${shot}：${parts.join('，')}。` : `${shot}。`;
  }
  if (f.speakers.length > 0 || f.action) {
    const core = f.action ?? speechEn(f.speakers, others);
    return `${shot}: ${core}${place ? `, ${place}` : ''}.`;
  }
  const view = place ?? thing;
  const who = listEn(f.inFrame);
  if (view) return `${shot} of ${view}${who ? ` with ${who}` : ''}.`;
  return who ? `${shot} of ${who}.` : `${shot}.`;
}

function listEn(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function speechEn(speakers: readonly string[], others: readonly string[]): string {
  if (speakers.length > 1) return `${listEn(speakers)} talk`;
  return others.length === 1 ? `${speakers[0]} speaks to ${others[0]}` : `${speakers[0]} speaks`;
}

function speechZh(speakers: readonly string[], others: readonly string[]): string {
  if (speakers.length > 1)
    return `${speakers.slice(0, -1).join('、')}与${speakers[speakers.length - 1]}对话`;
  return others.length === 1 ? `${speakers[0]}对${others[0]}说话` : `${speakers[0]}说话`;
}
