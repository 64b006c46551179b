import { anchoredMatches } from '../util/anchored-search';
import type { NameCandidate } from './candidate';
import { PrefixScanner } from './mentions';

/** A speech verb followed by a colon or an opening quote; longer verbs first so `笑道` wins
 * over `道`. */
const SPEECH_CUE =
  /(?:笑道|叫道|喝道|问道|骂道|答道|哭道|叹道|说道|嚷道|喊道|回道|告道|怒道|应道|大叫|大喝|高叫|厉声道|道|说|问|曰)[：:]?[“「『"]/g;

/** Words that open a clause before its subject: discourse markers, demonstratives, adverbs. */
const LEADING_FUNCTION_WORDS =
  /^(?:却说|且说|话说|只见|只听得|只听|忽见|忽听|那里|那|这|又|便|就|却|也|都|乃|遂|忙|即|因|才|方|正|连忙|急忙|慌得|慌忙|果然|于是|当时|此时|原来|随即|一齐|那个|这个|只得|只|但|再|还|今|复|亦|他|她)+/;

/** A clause opening with a preposition names the listener, not the speaker (`对行者道`). */
const OBJECT_CLAUSE = /^(?:对|向|与|和|同|跟|叫|问|把|被|将|教|请|替|给|令|命|着|使|谓)/;

/** Frequent clause openers that are not people. */
const NOT_NAMES = new Set(
  '我们 你们 他们 她们 咱们 大家 自家 自己 那里 这里 如今 今日 明日 当时 此时 不知 只是 如何 怎么 什么 心中 口中 一个 两个 一声 一面 一边 不曾 不敢 不是 便是 正是 却是 上前 近前 向前 起来 出来 进来 回来 点头 合掌 闻言 听说 见了 吩咐 思量 开言 开口 回头 口里 口中 忍不住 磕头 叫声 高叫 大叫 大笑 欢喜 大喜 见说 听见 看见 心下 暗想 心里 暗暗 笑嘻嘻 急急 慌了 连声 却才 便叫 一齐 认得 止不住 低头 抬头 举手 躬身 跪下 上前来 我 你 他 她 它 众人 有人 那人 此人 其人 大怒 大惊 大喜 大哭 大笑 大叫 大骂 二人 三人 两人 二将 左右 军士 众将 众军 众官 众臣 众僧 众妖 众猴 大众 从人 手下 那怪 那妖 妖精 小妖 闻言 听罢 笑道 说道 问道 答道 喝道 叫道 又道 便道 乃道 因道 忙道 遂曰 答曰 问曰 乃曰'.split(
    ' ',
  ),
);

/** Laughter, shouting and manner words (`呵呵`, `厉声高叫`) are not subjects. */
const SOUNDS = /[呵哈嘻嘿声]|^(?:高|厉|急|忙|笑)/;

/** A CJK unified ideograph (U+4E00–U+9FFF), by code: tested once per character of every cue. */
function isCjk(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}
const MAX_CLAUSE = 12;
/** A book this short (an excerpt, a story of a few chapters) gives its minor speakers few cues:
 * there a subject of two cues, once the cue's whole clause, is enough (`童子道：` twice in three
 * chapters; `敖钦道：` and `敖钦闻言，大怒道：`). */
const SHORT_BOOK = 60_000;
/** A manner phrase (`满心欢喜道`): a cue's whole clause that holds a frequent non-name. */
const MANNER_WORDS = [
  '欢喜',
  '大喜',
  '大怒',
  '大惊',
  '大笑',
  '闻言',
  '听说',
  '心中',
  '叩头',
  '磕头',
];

/**
 * Chinese names from the subjects of speech cues (`X道：“`, `X笑道：“`, `X问：“`): for each cue,
 * the clause before the verb (from the last punctuation mark), with leading function words
 * stripped, gives prefixes of 2–4 characters; a prefix is a name when it recurs, is not the
 * truncation of a longer recurring prefix, and stands alone as the whole clause at least twice
 * (`行者道` yes, `心中大喜道` no).
 */
export function extractChineseNames(text: string): NameCandidate[] {
  return extractChineseCandidates(text).names;
}

/** Names, and the roles a book's unnamed speakers go by (`老者`, `妇人`, see `isSpeakingRole`). */
export function extractChineseCandidates(text: string): {
  names: NameCandidate[];
  roles: NameCandidate[];
} {
  const prefixCount = new Map<string, number>();
  const exactCount = new Map<string, number>();
  const short = text.length < SHORT_BOOK;
  const minCues = short ? 2 : 3;
  const minExact = short ? 1 : 2;
  SPEECH_CUE.lastIndex = 0;
  for (let m = SPEECH_CUE.exec(text); m; m = SPEECH_CUE.exec(text)) {
    let start = m.index;
    while (start > 0 && m.index - start < MAX_CLAUSE && isCjk(text.charCodeAt(start - 1))) start--;
    let clause = text.slice(start, m.index).replace(LEADING_FUNCTION_WORDS, '');
    // A short book: a cue that is not its sentence's first clause (`玉帝闻言甚喜，道：`,
    // `金星径入当中，面南立定道：`) counts for that sentence's first subject too.
    if (short && text.charAt(start - 1) === '，') {
      const first = firstClause(text, start);
      if (clause.length < 2) clause = first;
      else if (first.length >= 2 && !OBJECT_CLAUSE.test(first))
        for (let n = 2; n <= 4 && n <= first.length; n++)
          prefixCount.set(first.slice(0, n), (prefixCount.get(first.slice(0, n)) ?? 0) + 1);
    }
    if (clause.length < 2 || OBJECT_CLAUSE.test(clause)) continue;
    for (let n = 2; n <= 4 && n <= clause.length; n++) {
      const p = clause.slice(0, n);
      prefixCount.set(p, (prefixCount.get(p) ?? 0) + 1);
    }
    if (clause.length <= 4) exactCount.set(clause, (exactCount.get(clause) ?? 0) + 1);
  }
  const longestExtension = new Map<string, number>();
  for (const [q, qc] of prefixCount) {
    if (q.length < 3 || (exactCount.get(q) ?? 0) < 2) continue;
    const parent = q.slice(0, -1);
    longestExtension.set(parent, Math.max(longestExtension.get(parent) ?? 0, qc));
  }
  const kept: [string, number][] = [];
  for (const [p, count] of prefixCount) {
    if (
      count < minCues ||
      (exactCount.get(p) ?? 0) < minExact ||
      NOT_NAMES.has(p) ||
      SOUNDS.test(p)
    )
      continue;
    // Two cues are little evidence: such a subject must not hold a manner word either.
    if (count < 3 && MANNER_WORDS.some((w) => p.includes(w))) continue;
    let extendsAName = false;
    for (let n = 2; n < p.length; n++)
      if (count < (prefixCount.get(p.slice(0, n)) ?? 0) * 0.5) extendsAName = true;
    if (extendsAName) continue;
    if ((longestExtension.get(p) ?? 0) >= count * 0.7) continue;
    kept.push([p, count]);
  }
  for (const [name, count] of titledNames(text))
    if (!kept.some(([p]) => p === name || p.startsWith(name) || name.startsWith(p)))
      kept.push([name, count]);
  const usage = nameUsage(
    text,
    kept.map(([p]) => p),
  );
  const names: NameCandidate[] = [];
  const roles: NameCandidate[] = [];
  for (const [p, count] of kept) {
    const u = usage.get(p);
    const candidate = { name: p, aliases: [], score: count, before: u?.before ?? new Map() };
    // A noun often counted (`一个妖精`, `两个小妖`) names a kind of being, not a character; one
    // that often speaks on its own (`那老者道：`) is a role.
    if (u && u.total > 0 && u.counted >= u.total * 0.08) {
      if (isSpeakingRole(p, count, u)) roles.push(candidate);
      continue;
    }
    names.push(candidate);
  }
  return { names, roles };
}

/** The first clause of the sentence that holds `at`, CJK only, leading function words off. */
function firstClause(text: string, at: number): string {
  let start = at;
  while (start > 0 && at - start < 40 && !/[。！？”\n]/.test(text.charAt(start - 1))) start--;
  const clause = /^[\u4e00-\u9fff]*/.exec(text.slice(start, at))?.[0] ?? '';
  return clause.replace(LEADING_FUNCTION_WORDS, '').slice(0, MAX_CLAUSE);
}

/** Cues a role must be the subject of. */
const MIN_ROLE_CUES = 5;
/** Determiners that put a noun in front of a single person (`那老者`, `这妇人`, `一个樵夫`). */
const ROLE_DETERMINERS = '那这个位';

/**
 * `那老者道：` / `一个妇人问：`: a counted noun that is the subject of at least `MIN_ROLE_CUES`
 * speech cues and mostly written behind a determiner — an unnamed person the text keeps calling
 * by a role. Not a group (`众妖`, `群猴`, `二人`) and not a predicate that happens to follow a
 * classifier (`唬得个心惊`: rarely behind `那`/`这`).
 *
 * A crowd is never a speaker, even where it speaks often (`众猴道：`, 35 lines of the GB18030
 * excerpt of 西游记): a cast entry is one person the panels can draw and name, a crowd word in
 * the cast is the junk issue 16 keeps out of it, and its lines stay `null` (who speaks is
 * plain from the caption).
 */
function isSpeakingRole(name: string, cues: number, u: Usage): boolean {
  if (cues < MIN_ROLE_CUES || /^[众群诸各两二三四五六七八九十几]|们$/.test(name)) return false;
  let determined = 0;
  for (const ch of ROLE_DETERMINERS) determined += u.before.get(ch) ?? 0;
  const demonstrative = (u.before.get('那') ?? 0) + (u.before.get('这') ?? 0);
  return determined >= u.total * 0.15 && demonstrative >= u.total * 0.08;
}

interface Usage {
  total: number;
  /** Occurrences right after a numeral or classifier. */
  counted: number;
  /** The character in front of each occurrence, counted (for surnames). */
  before: Map<string, number>;
}

/**
 * How each name is used across the whole text, in one pass. Why (speed, measured): the pass only
 * notes the code before each occurrence, in a list per name (by the scanner's index); the counts
 * per character are added up name by name afterwards, in one array — instead of two map updates
 * per occurrence (~24k on 西游记).
 */
function nameUsage(text: string, names: readonly string[]): Map<string, Usage> {
  const scanner = new PrefixScanner(names);
  /** Per name index: the code before each occurrence (-1 at the text's start), in order. */
  const codesBefore = names.map((): number[] => []);
  for (let at = scanner.next(text, 0, text.length); at >= 0;) {
    (codesBefore[scanner.foundIndex] as number[]).push(at > 0 ? text.charCodeAt(at - 1) : -1);
    at = scanner.next(text, at + scanner.found.length, text.length);
  }
  const usage = new Map<string, Usage>();
  const counts = new Int32Array(0x10001);
  names.forEach((name, k) => {
    if (!usage.has(name)) usage.set(name, usageOf(codesBefore[k] as number[], counts));
  });
  return usage;
}

/** A name's usage from the codes before its occurrences; `counts`: all zero, left so. */
function usageOf(codes: readonly number[], counts: Int32Array): Usage {
  const u: Usage = { total: codes.length, counted: 0, before: new Map() };
  /** The codes seen, in the order first seen. */
  const seen: number[] = [];
  for (const code of codes) {
    if (CLASSIFIER_CODES.has(code)) u.counted++;
    const n = counts[code + 1] as number;
    if (n === 0) seen.push(code);
    counts[code + 1] = n + 1;
  }
  for (const code of seen) {
    u.before.set(code < 0 ? '' : String.fromCharCode(code), counts[code + 1] as number);
    counts[code + 1] = 0;
  }
  return u;
}

/** `个些一两几众群诸各位名只` */
const CLASSIFIER_CODES = new Set([...'个些一两几众群诸各位名只'].map((c) => c.charCodeAt(0)));

/** Common single-character surnames. */
export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
/** Forms of address that follow a surname (`陈老师`, `王大叔`, `李员外`). */
const TITLES =
  '老师|先生|大叔|大爷|大娘|大婶|阿姨|师傅|医生|大夫|小姐|太太|奶奶|爷爷|伯伯|叔叔|婶婶|老汉|员外|太公|老爷|大人|将军|丞相|校长|经理|掌柜|妈妈|阿婆';
/** `陈老师站起来` / `陈老师说：`: a surname and a form of address as a clause's subject (after
 * punctuation or a paragraph start, a verb or adverb right after). Sticky, tried only near a form
 * of address (`anchoredMatches`), which stands 1 (after a line start) or 2 characters after the
 * match's start. */
const TITLED_SUBJECT = new RegExp(
  `(?:^|[，。！？；：、”」\\s])([${SURNAMES}](?:${TITLES}))(?=[\\u4e00-\\u9fff])`,
  'my',
);
const TITLE = new RegExp(TITLES, 'g');

/**
 * Names made of a surname and a form of address, which a teacher or a neighbour is called by
 * throughout a story even when few of their lines carry a `X道：` cue: kept when seen as a
 * clause's subject at least three times. Count: those subject uses.
 */
function titledNames(text: string): Map<string, number> {
  const seen = new Map<string, number>();
  for (const m of anchoredMatches(text, TITLED_SUBJECT, TITLE, 1, 2)) {
    const name = m[1] as string;
    seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  for (const [name, n] of seen) if (n < 3) seen.delete(name);
  return seen;
}
