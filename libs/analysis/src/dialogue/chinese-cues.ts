import type { Mention } from '../characters/mentions';
import type { Cue, Near } from './cue';
import { endsWithMatch } from '../util/tail';

const VERBS = '道|说|问|曰|叫|喝|嚷|喊|答|骂|哭|叹|笑|吩咐|告诉|言|回答|应';
/** A speech verb (with `起来`/`着`/`了` after it) at the end of the narration before a quote,
 * or a bare colon (`陈老师轻轻地握住她的手：“…”`). */
const CUE_AT_END = new RegExp(
  `(?:(?:${VERBS})(?:起来|出来|着|了|道)?[^，。！？\\u4e00-\\u9fff]{0,3}[：:，,]?|[：:])\\s*$`,
);
/** The longest `CUE_AT_END` match but for its trailing white space: a verb of two characters,
 * `起来`, three others and a colon. */
const CUE_AT_END_LONGEST = 8;
/** Words that may open a clause before its subject. */
const OPENER =
  /^[”」』"’\s]*(?:却说|且说|话说|只见|只听得|原来|忽然|那|这|又|便|就|却|也|才|只得|于是|慌得个|慌得|急得|喜得|好)*$/;
/** A clause that brings someone new on stage (`走出一个妇人来`, `忽见`): the sentence's first
 * subject is no longer the one who speaks. */
const NEW_PERSON = /(?:一|两|几)[个位名只群]|有人|只见|忽见|但见|又见|听得|来了|出来/;
/** After a quote: `“…”陈老师说。` / `“哇！”小雨拍着手叫起来`. Not `“…”老者道：“…”`: a cue that ends
 * with a colon introduces the next quote, and the one before was most often someone else's. */
const AFTER_VERB = new RegExp(
  `^[^，。！？“”「」]{0,10}?(?:${VERBS})(?:起来|出来|着|了|道)?(?:[，。！？]|$)`,
);

/** `“…”陈老师说。` with someone outside the cast: a cue, naming nobody known. */
const UNKNOWN_AFTER = new RegExp(
  `^[\u4e00-\u9fff]{1,5}(?:${VERBS})(?:起来|出来|着|了|道)?[，。！？]`,
);

/**
 * `行者笑道：“…”`: the subject of the clause that ends with the cue; when that clause has none
 * (`三藏见他发怒，只得叫道`), the subject of the sentence if it has at most two clauses. A subject
 * is a cast name at the clause's start (after openers such as `那`, `只见`). A cue whose subject
 * is no cast member gives null.
 */
export function chineseCueBefore(text: string, from: number, to: number, near: Near): Cue {
  if (!endsWithMatch(CUE_AT_END, text, Math.max(from, to - 40), to, CUE_AT_END_LONGEST))
    return undefined;
  // The sentence holding the cue starts after the last sentence end before the cue's last two
  // characters; its clauses after each comma. Both found by a walk over character codes.
  let sentenceStart = from;
  for (let j = to - 3; j >= from; j--) {
    if (isSentenceEnd(text.charCodeAt(j))) {
      sentenceStart = j + 1;
      break;
    }
  }
  // Each clause's start: the sentence's, then one after each comma.
  const starts = [sentenceStart];
  for (let j = sentenceStart; j <= to - 3; j++) {
    const c = text.charCodeAt(j);
    if (c === 0xff0c || c === 0x2c) starts.push(j + 1);
  }
  // The sentence's cast mentions, read once: each clause's come from its start on.
  const named = near(sentenceStart, to);
  // The last clause's subject, else the nearest earlier clause's that opens with a name, unless a
  // clause in between brings someone new on stage.
  for (let k = starts.length - 1; k >= 0; k--) {
    const start = starts[k] as number;
    const subject = subjectAt(text, start, named);
    if (subject) return subject;
    if (k < starts.length - 1 && NEW_PERSON.test(text.slice(start, starts[k + 1]))) return null;
  }
  return previousSubject(text, from, sentenceStart, to, near) ?? null;
}

/** The cast member whose name opens the clause that starts at `start` (after openers such as
 * `那`), if any: the first of `named`, the sentence's mentions, from there on. A module-level
 * function, not a closure in `chineseCueBefore`: tsx's keepNames wraps each closure it creates in
 * a `__name` call, which cost more than the lookup itself (measured). */
function subjectAt(text: string, start: number, named: readonly Mention[]): string | undefined {
  for (const m of named)
    if (m.start >= start)
      return OPENER.test(text.slice(start, m.start).trim()) ? m.castId : undefined;
  return undefined;
}

/** A cue sentence that is nothing but a cue: adverbs, a listener (`对龙王`), a manner (`笑`,
 * `失声`), the verb and its colon (`又问道：`, `对龙王笑道：`, `忽失声道：`, `叫：`, `他道：`). */
const BARE_CUE =
  /^[”」』"’\s]*(?:他|她)?(?:又|便|即|遂|乃|忙|急|忽|复|却|也|连忙|急忙)*(?:(?:对|向)[^，。！？“”：:，,]{1,6})?(?:失声)?(?:笑|问|叫|喝|说|嚷|喊|答|骂|叹|哭)?(?:道|说|问|曰)?[：:，,]?\s*$/;

/**
 * `悟空将宝贝执在手中，坐在水晶宫殿上。对龙王笑道：`: a cue sentence that is nothing but a cue
 * (see `BARE_CUE`) goes on with the subject of the sentence before it, when that sentence opens
 * with a cast name, names nobody else and brings nobody new on stage.
 */
function previousSubject(
  text: string,
  from: number,
  sentenceStart: number,
  to: number,
  near: Near,
): string | undefined {
  if (sentenceStart <= from || !BARE_CUE.test(text.slice(sentenceStart, to))) return undefined;
  let start = from;
  for (let j = sentenceStart - 2; j >= from; j--) {
    if (isSentenceEnd(text.charCodeAt(j))) {
      start = j + 1;
      break;
    }
  }
  const named = near(start, sentenceStart);
  const first = named[0];
  if (!first || named.some((m) => m.castId !== first.castId)) return undefined;
  if (!OPENER.test(text.slice(start, first.start).trim())) return undefined;
  // Someone seen or heard coming (`早见那正东上，一朵乌云…`) may be the one who speaks next.
  const before = text.slice(start, sentenceStart);
  if (NEW_PERSON.test(before) || /[见听]/.test(before)) return undefined;
  return first.castId;
}

/** `。！？；…` */
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x2026;
}

/** `“小雨，你来教大家吧。”陈老师说。`: a cast name right after the quote, then a speech verb. */
export function chineseCueAfter(text: string, from: number, to: number, near: Near): Cue {
  const end = Math.min(to, from + 30);
  const m = near(from, end)[0];
  if (!m || !OPENER.test(text.slice(from, m.start).trim()))
    return UNKNOWN_AFTER.test(text.slice(from, end)) ? null : undefined;
  return AFTER_VERB.test(text.slice(m.end, end)) ? m.castId : undefined;
}
