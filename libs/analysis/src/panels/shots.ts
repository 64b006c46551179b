import type { Language, Shot } from '@storyboard/domain';

const EN_PLACE =
  /\b(?:room|hall|house|garden|street|road|forest|wood|woods|field|hill|mountain|river|sea|shore|sky|city|town|village|valley|court|palace|castle|church|door|window|landscape|country|plain|lake|bank|trees|kitchen|parlour|office|chamber|staircase|passage|corridor)\b/i;
const EN_EMOTION =
  /\b(?:tears?|wept|weeping|cried|trembl\w*|shook|smiled?|laugh\w*|frown\w*|blush\w*|angr\w*|furious|fear\w*|terrif\w*|afraid|horror|joy\w*|sob\w*|sigh\w*|stare\w*|gaze\w*|face|eyes)\b/i;
const EN_DETAIL =
  /\b(?:letter|note|key|ring|watch|bottle|card|cards|box|knife|candle|bell|coin|book|paper|label|cake|tart|tarts|flower|flowers|hand|hands)\b/i;
const ZH_PLACE = /[山洞城宫殿寺庙岭河江海湖林村庄府院门桥路岸野]/;
const ZH_EMOTION = /(?:泪|哭|怒|笑|惊|喜|怕|恼|愁|叹|慌|羞|恨|悲|欢|眼|面)/;
const ZH_DETAIL = /(?:宝贝|金箍|棒|袈裟|钵|瓶|葫芦|书|信|印|剑|扇|珠|镜|杯|碗|灯|铃|锁)/;

export interface BeatFacts {
  opensScene: boolean;
  narration: string;
  speakers: readonly (string | null)[];
  previousSpeakers: readonly (string | null)[];
  language: Language;
}

/** Shot type from cues: a scene opens on an establishing shot; an exchange between two people is
 * over the shoulder, one speaker medium; a place described is wide; emotion is a close-up; an
 * object in focus is an insert; a very short exclamation an extreme close-up. */
export function chooseShot(b: BeatFacts): Shot {
  if (b.opensScene) return 'establishing';
  const zh = b.language === 'zh';
  if (b.speakers.length > 0) {
    const last = b.previousSpeakers[b.previousSpeakers.length - 1];
    const first = b.speakers[0];
    const exchange =
      twoKnownSpeakers(b.speakers) || (last != null && first != null && last !== first);
    return exchange ? 'over-the-shoulder' : 'medium';
  }
  const n = b.narration;
  if (n.length > 0 && n.length < (zh ? 20 : 50) && /[!！]/.test(n)) return 'extreme-close-up';
  if (zh ? n.length < 120 && ZH_EMOTION.test(n) : n.length < 300 && EN_EMOTION.test(n))
    return 'close-up';
  if (zh ? n.length < 120 && ZH_DETAIL.test(n) : n.length < 250 && EN_DETAIL.test(n))
    return 'insert';
  if (zh ? ZH_PLACE.test(n) : EN_PLACE.test(n)) return 'wide';
  return 'medium';
}

/** Two different known speakers among a panel's lines. */
function twoKnownSpeakers(speakers: readonly (string | null)[]): boolean {
  let one: string | null = null;
  for (const s of speakers) {
    if (s === null) continue;
    if (one === null) one = s;
    else if (s !== one) return true;
  }
  return false;
}

/** An object word standing on its own (`宝贝`, not the `书` of `书包`). */
const ZH_THING = new RegExp(`${ZH_DETAIL.source}(?![\\u4e00-\\u9fff])`);
/** A place named with its place character at the end (`花果山`, `水帘洞`): two characters before
 * it, none a function word or punctuation. Found from the place character (one cheap pattern)
 * rather than by a pattern tried at every position. */
const ZH_PLACE_END = /[山洞城宫殿寺庙岭河江海湖林村庄府院桥]/g;
const NOT_IN_PLACE_NAME =
  /[\s，。！？；：、“”‘’「」『』（）《》…—,.!?;:的了着一个座是在那这里上下中来去得把被和与又也就都他她我你之其]/;

function zhPlaceWord(narration: string): string | undefined {
  ZH_PLACE_END.lastIndex = 0;
  for (let m = ZH_PLACE_END.exec(narration); m; m = ZH_PLACE_END.exec(narration)) {
    const at = m.index;
    if (at < 2) continue;
    const a = narration.charAt(at - 2);
    const b = narration.charAt(at - 1);
    if (!NOT_IN_PLACE_NAME.test(a) && !NOT_IN_PLACE_NAME.test(b))
      return narration.slice(at - 2, at + 1);
  }
  return undefined;
}

/** The place (a wide or establishing shot) or the object (an insert) the narration puts in view,
 * as the text words it; undefined for other shots or when none is named. */
export function focusOf(shot: Shot, narration: string, language: Language): string | undefined {
  const zh = language === 'zh';
  if (shot === 'insert') {
    const thing = (zh ? ZH_THING : EN_DETAIL).exec(narration)?.[0];
    return thing && !zh ? `the ${thing.toLowerCase()}` : thing;
  }
  if (shot !== 'wide' && shot !== 'establishing') return undefined;
  if (zh) return zhPlaceWord(narration);
  const m = EN_PLACE.exec(narration);
  return m ? `the ${m[0].toLowerCase()}` : undefined;
}
