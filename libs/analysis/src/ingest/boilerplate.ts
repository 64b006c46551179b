/**
 * Every class of line that is removed from a book as not being story, in one place: what a
 * distributor or a website puts around and between the chapters. Each is removed where it stands
 * on its own line; `inline` classes are also cut out of a line that holds story text.
 */
export const STRIPPED_LINE_CLASSES: readonly {
  name: string;
  pattern: RegExp;
  inline?: boolean;
  /** Found on every line the pattern matches on, and much faster to search the book for: only
   * those lines are tried (speed). Only for a pattern that never matches across a line end. */
  hint?: RegExp;
  /** For a pattern that only matches from a line's start (`^`, multiline): every line it matches
   * on holds one of these words, or only spaces (which `cleanLine` leaves as they are); only
   * those lines are tried, found by `indexOf` (speed: a regular expression search of a Chinese
   * book costs ~20 instructions a character, `indexOf` one or two). */
  lineWords?: readonly string[];
}[] = [
  {
    name: 'web address (advert)',
    pattern: /https?:\/\/|www\.|\b[a-z0-9-]{2,}\.(?:com|net|org|cn|cc|info|top|tw|hk)\b/i,
    // `\b[a-z0-9-]{2,}\.` is tried at every word of an English book (~5 ms of a 0.8 MB one).
    hint: /:\/\/|www\.|\.(?:com|net|org|cn|cc|info|top|tw|hk)\b/i,
  },
  {
    name: 'site junk before headings (《》目录, 正文, 《书名》)',
    pattern: /^(?:《[^》]{0,40}》|【[^】]{0,40}】|正文|目录| )+$/,
    // 西游记: ~19 M instructions for the search, ~5 M for the four words.
    lineWords: ['《', '【', '正文', '目录'],
  },
  {
    name: 'per-chapter site metadata (更新时间:… 本章字数:…)',
    pattern:
      /(?:(?:更新时间|更新日期|发布时间|发表时间)\s*[:：]\s*[\d\-/年月日 :：.]{6,25}\s*)?(?:本章字数|字数)\s*[:：]\s*\d+(?:\s*字)?|(?:更新时间|更新日期|发布时间|发表时间)\s*[:：]\s*[\d\-/年月日 :：.]{6,25}/,
    inline: true,
  },
  {
    name: 'reading-site prompts (本章未完, 点击下一页, 手机阅读, 求收藏 …)',
    pattern:
      /本章未完|点击下一页|继续阅读|手机(?:用户)?(?:阅读|请浏览)|请记住本(?:站|书)|最新章节|全文阅读|笔趣阁|求(?:收藏|推荐|月票|订阅)|（本章完）|\(本章完\)/,
    inline: true,
  },
];

/** Removes what a distributor wraps around a book: the Project Gutenberg header, licence and
 * footer, and the line classes of `STRIPPED_LINE_CLASSES`. */
export function stripBoilerplate(text: string): string {
  let body = text;
  const start = /^[ \t]*\*{3}[ \t]*START OF (?:THE|THIS) PROJECT GUTENBERG[^\n]*$/im.exec(body);
  if (start) body = body.slice(start.index + start[0].length);
  const end = /^[ \t]*\*{3}[ \t]*END OF (?:THE|THIS) PROJECT GUTENBERG/im.exec(body);
  if (end) body = body.slice(0, end.index);
  const footer = /^[ \t]*End of (?:the |this )?Project Gutenberg/im.exec(body);
  if (footer && (footer.index > body.length * 0.8 || body.length - footer.index < 2000))
    body = body.slice(0, footer.index);
  const licence = /^[ \t]*\*{3}[ \t]*START: FULL LICENSE/im.exec(body);
  if (licence) body = body.slice(0, licence.index);
  body = cleanLines(body);
  const first = body.search(/\S/);
  if (first === -1) return '';
  const last = body.trimEnd().length;
  const from = body.lastIndexOf('\n', first) + 1;
  const lineEnd = body.indexOf('\n', last);
  return body.slice(from, lineEnd === -1 ? body.length : lineEnd);
}

/** `cleanLine` on every line that a stripped class matches; the others stay as they are. The
 * classes are searched over the whole text, so a 20 MB book is not cut into 400,000 strings. */
function cleanLines(body: string): string {
  const touched = new Set<number>();
  for (const c of STRIPPED_LINE_CLASSES) {
    const re = new RegExp(c.pattern.source, `g${c.pattern.flags.replace('g', '')}m`);
    if (c.hint) {
      markHintedLines(body, re, c.hint, touched);
      continue;
    }
    if (c.lineWords) {
      markLinesWithWords(body, c.pattern, c.lineWords, touched);
      continue;
    }
    for (let m = re.exec(body); m; m = re.exec(body)) {
      touched.add(body.lastIndexOf('\n', m.index) + 1);
      // On from the next line: a match may run over a line end, and each line is judged alone.
      const next = body.indexOf('\n', m.index);
      if (next === -1) break;
      re.lastIndex = next + 1;
    }
  }
  if (touched.size === 0) return body;
  const pieces: string[] = [];
  let done = 0;
  for (const at of [...touched].sort((a, b) => a - b)) {
    const end = body.indexOf('\n', at);
    const stop = end === -1 ? body.length : end;
    pieces.push(body.slice(done, at), cleanLine(body.slice(at, stop)));
    done = stop;
  }
  pieces.push(body.slice(done));
  return pieces.join('');
}

/** Adds the start of every line where global `re` matches, trying only the lines that hold a
 * match of `hint` (which every such line does; `re` never matches across a line end). */
function markHintedLines(body: string, re: RegExp, hint: RegExp, touched: Set<number>): void {
  const hints = new RegExp(hint.source, `g${hint.flags.replace('g', '')}`);
  let tried = -1;
  for (let h = hints.exec(body); h; h = hints.exec(body)) {
    const start = body.lastIndexOf('\n', h.index) + 1;
    if (start === tried) continue;
    tried = start;
    const end = body.indexOf('\n', h.index);
    re.lastIndex = start;
    const m = re.exec(body);
    if (m && (end === -1 || m.index < end)) touched.add(start);
  }
}

/** Adds the start of every line holding one of `words` where `pattern` (from a line's start)
 * matches, tried there alone (sticky), once per line. */
function markLinesWithWords(
  body: string,
  pattern: RegExp,
  words: readonly string[],
  touched: Set<number>,
): void {
  const atLineStart = new RegExp(pattern.source, `y${pattern.flags.replace(/[gy]/g, '')}m`);
  const tried = new Set<number>();
  for (const word of words) {
    for (let at = body.indexOf(word); at >= 0; at = body.indexOf(word, at + 1)) {
      const start = body.lastIndexOf('\n', at) + 1;
      if (tried.has(start)) continue;
      tried.add(start);
      atLineStart.lastIndex = start;
      if (atLineStart.test(body)) touched.add(start);
    }
  }
}

/** A short line of a stripped class goes; an inline class is cut out of a longer line. */
function cleanLine(line: string): string {
  const t = line.trim();
  if (t === '') return line;
  let out = line;
  for (const c of STRIPPED_LINE_CLASSES) {
    if (!c.pattern.test(out)) continue;
    if (out.length <= 400 && isMostly(out, c.pattern)) return '';
    if (c.inline) out = out.replace(new RegExp(c.pattern.source, 'g' + c.pattern.flags), '');
    else if (out.length <= 400) return '';
  }
  return out.trim() === '' ? '' : out;
}

/** The class's match leaves at most a few characters of anything else on the line. */
function isMostly(line: string, pattern: RegExp): boolean {
  const rest = line
    .replace(new RegExp(pattern.source, 'g' + pattern.flags), '')
    .replace(/[\s，。、:：|｜\-—_*~]+/g, '');
  return rest.length <= 12;
}
