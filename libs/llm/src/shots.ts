import type { Shot } from '@storyboard/domain';
import { SHOT_TYPES } from '@storyboard/domain';

// What models write instead of the allowed names, in English and Chinese.
const SYNONYMS: ReadonlyArray<[RegExp, Shot]> = [
  [/^(extreme|x|e)[\s-]*(close|cu)|^ecu$|^xcu$|大特写/i, 'extreme-close-up'],
  [/^(close|cu$|closeup)|特写|近距离/i, 'close-up'],
  [/over[\s-]*the[\s-]*shoulder|^ots$|过肩/i, 'over-the-shoulder'],
  [/establish|大远景|建立镜头/i, 'establishing'],
  [/^(wide|long|full|extreme[\s-]*long|ws$|ls$)|远景|全景/i, 'wide'],
  [/^(medium|mid|ms$|two[\s-]*shot|cowboy)|中景|近景|双人/i, 'medium'],
  [/^(insert|detail|cutaway)|插入|空镜|细节/i, 'insert'],
];

/** The allowed shot for what the model wrote: `exact`, `mapped` from a synonym, or
 * `unknown` (then `medium`, the neutral choice). */
export function normalizeShot(raw: string | undefined): {
  shot: Shot;
  how: 'exact' | 'mapped' | 'unknown';
} {
  const lower = (raw ?? '').trim().toLowerCase();
  if (isShot(lower)) return { shot: lower, how: 'exact' };
  const bare = lower.replace(/[\s_-]*shot$/, '');
  if (isShot(bare)) return { shot: bare, how: 'mapped' };
  for (const [re, shot] of SYNONYMS) if (re.test(bare)) return { shot, how: 'mapped' };
  return { shot: 'medium', how: 'unknown' };
}

function isShot(s: string): s is Shot {
  return (SHOT_TYPES as readonly string[]).includes(s);
}
