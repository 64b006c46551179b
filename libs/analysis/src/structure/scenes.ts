import type { Language, Span } from '@storyboard/domain';

/** A scene as a run of paragraphs (indexes into the section's paragraph list). */
export interface SceneSlice {
  span: Span;
  paragraphs: Span[];
}

const BREAK_MARKER = /^[\s*·•~=_\-—–#§＊※◇◆○●☆★]{1,40}$/;
const NUMBERED_SUBSECTION = /^(?:[IVXLC]{1,8}|\d{1,3})\.?$/;
const EN_SHIFT =
  /^(?:The next (?:morning|day|evening|night)|Next (?:morning|day)|That (?:night|evening|morning|afternoon)|Meanwhile|Later that|Some (?:time|hours|days|weeks|months|years) (?:later|after)|The following (?:morning|day|evening)|Early (?:the )?next|Many (?:days|years) (?:later|after))\b/;
const ZH_SHIFT =
  /^(?:却说|且说|话说|话表|次日|到次日|次早|当夜|当晚|是夜|是日|不觉|少顷|须臾|不一日|一日)/;

function limits(language: Language): { min: number; max: number } {
  return language === 'zh' ? { min: 800, max: 3000 } : { min: 1500, max: 6000 };
}

/** Cuts a section's paragraphs into scenes at break markers (`* * *`, rules, numbered
 * sub-sections), clusters of blank lines, time and place shifts (`The next morning`, `却说`,
 * `次日`) once the scene has some length, and a size cap. Marker paragraphs are dropped. */
export function splitScenes(
  text: string,
  paragraphs: readonly Span[],
  language: Language,
): SceneSlice[] {
  const { min, max } = limits(language);
  const scenes: SceneSlice[] = [];
  let current: Span[] = [];
  let size = 0;
  const flush = () => {
    const first = current[0];
    const last = current[current.length - 1];
    if (first && last)
      scenes.push({ span: { start: first.start, end: last.end }, paragraphs: current });
    current = [];
    size = 0;
  };
  let prevEnd = -1;
  for (const p of paragraphs) {
    const body = text.slice(p.start, p.end);
    if (
      (BREAK_MARKER.test(body) &&
        /[*·•~=_\-—–#§＊※◇◆○●☆★]{1,}/.test(body) &&
        countMarks(body) >= 3) ||
      body === '§' ||
      NUMBERED_SUBSECTION.test(body)
    ) {
      flush();
      prevEnd = p.end;
      continue;
    }
    const gap = prevEnd >= 0 ? countNewlines(text, prevEnd, p.start) : 0;
    const shift = language === 'zh' ? ZH_SHIFT.test(body) : EN_SHIFT.test(body);
    if (
      current.length > 0 &&
      (gap >= 4 || (shift && size >= min) || size + (p.end - p.start) > max)
    )
      flush();
    current.push(p);
    size += p.end - p.start;
    prevEnd = p.end;
  }
  flush();
  return scenes;
}

function countMarks(s: string): number {
  let n = 0;
  for (const ch of s) if (ch !== ' ') n++;
  return n;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
