import { isBlank } from '../util/blank';
import type { NameCandidate } from './candidate';

const TITLES = new Set([
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Miss',
  'Sir',
  'Lady',
  'Lord',
  'Captain',
  'Uncle',
  'Aunt',
  'Master',
  'Madame',
  'Monsieur',
  'Professor',
  'Colonel',
  'Father',
  'Mother',
  'King',
  'Queen',
  'Prince',
  'Princess',
  'Saint',
  'St',
  'General',
  'Major',
  'Mister',
  'Madam',
]);

/** Capitalised words that are never names on their own: pronouns, interjections, days, months,
 * nationalities and words capitalised by convention. */
const NOT_NAMES = new Set(
  (
    'I Im Ill Ive Id O Oh Ah Yes No Nay Aye Well Why What How Who Where When Then Now Here There This That These Those ' +
    'The A An And But Or Nor For So Yet If Do Dont Come Go Let Please Pray Sir Madam Mr Mrs Ms Dr Miss St ' +
    'Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February ' +
    'September October November December Christmas Easter English French German Latin Italian Spanish ' +
    'Dutch Greek Roman Chinese American British Indian God Lord Heaven Heavens Hell Bible Amen Hurrah Alas ' +
    'Ha Ho Hm Hush Hullo Hello Goodbye Good Mind Nonsense Indeed Thank Thanks Very Quite Really Perhaps ' +
    'Certainly Of Everybody Everyone Nobody Somebody Anybody Nothing Something Anything Mine Yours OK Ok ' +
    'Monseigneur Monsieur Madame Mademoiselle Majesty Space Nature Fate Fortune Truth Love Death Life Mankind Men Thee Thou Thy Ye You He She It We They My Your His Her Our Their'
  ).split(' '),
);

const SPEECH_VERBS =
  /^(?:said|says|say|cried|asked|replied|answered|exclaimed|shouted|whispered|muttered|called|added|continued|began|went on|thought|remarked|observed|returned|repeated|inquired|demanded|roared|screamed|sobbed|sighed|growled|pleaded|interrupted|yelled|murmured|protested|resumed|rejoined|retorted|explained|suggested|persisted|insisted)$/;
const PLACE_PREPOSITIONS = new Set([
  'in',
  'at',
  'from',
  'into',
  'near',
  'towards',
  'toward',
  'across',
  'through',
  'to',
  'under',
  'over',
  'beyond',
]);

interface Token {
  word: string;
  start: number;
  end: number;
  capital: boolean;
  initial: boolean;
}

const ABBREVIATIONS = /^(?:Mr|Mrs|Ms|Dr|St)$/;

/**
 * Every word of a text, held in typed arrays (a 20 MB book has some four million words: as
 * objects they alone took hundreds of MB). `get` builds a short-lived `Token` on demand.
 */
class TokenTable {
  length = 0;
  private start = new Int32Array(1 << 16);
  private end = new Int32Array(1 << 16);
  private wordEnd = new Int32Array(1 << 16);
  private flags = new Uint8Array(1 << 16);

  constructor(private readonly text: string) {}

  push(start: number, end: number, wordEnd: number, capital: boolean, initial: boolean): void {
    if (this.length === this.start.length) this.grow();
    const i = this.length++;
    this.start[i] = start;
    this.end[i] = end;
    this.wordEnd[i] = wordEnd;
    this.flags[i] = (capital ? 1 : 0) | (initial ? 2 : 0);
  }

  get(i: number): Token | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const f = this.flags[i] as number;
    return {
      word: this.word(i),
      start: this.start[i] as number,
      end: this.end[i] as number,
      capital: (f & 1) !== 0,
      initial: (f & 2) !== 0,
    };
  }

  /** Token `i`'s word (`0 <= i < length`), without building a `Token`. */
  word(i: number): string {
    return this.text.slice(this.start[i], this.wordEnd[i]);
  }

  /** Whether token `i` (`0 <= i < length`) starts with a capital, without building a `Token`. */
  capital(i: number): boolean {
    return ((this.flags[i] as number) & 1) !== 0;
  }

  /** Whether token `i` (`0 <= i < length`) starts a sentence, without building a `Token`. */
  initial(i: number): boolean {
    return ((this.flags[i] as number) & 2) !== 0;
  }

  /** The first UTF-16 unit of token `i`'s word (`0 <= i < length`). */
  firstCode(i: number): number {
    return this.text.charCodeAt(this.start[i] as number);
  }

  /** The length of token `i`'s word (`0 <= i < length`). */
  wordLength(i: number): number {
    return (this.wordEnd[i] as number) - (this.start[i] as number);
  }

  private grow(): void {
    const n = this.start.length * 2;
    const copy = <A extends Int32Array | Uint8Array>(a: A, make: (n: number) => A): A => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.start = copy(this.start, (k) => new Int32Array(k));
    this.end = copy(this.end, (k) => new Int32Array(k));
    this.wordEnd = copy(this.wordEnd, (k) => new Int32Array(k));
    this.flags = copy(this.flags, (k) => new Uint8Array(k));
  }
}

/**
 * The words of `text` as a global `[A-Za-z][A-Za-z'’-]*` finds them, each with its word (a
 * trailing `'s` and trailing apostrophes or hyphens cut) and whether it starts a sentence.
 * Scanned by hand, the gap before a word read by `startsSentence`: speed, measured — the match,
 * two replaces, a slice and regular expressions per word took ~95 ms cold on a 0.8 MB book, this
 * ~40.
 */
function tokenize(text: string): TokenTable {
  const tokens = new TokenTable(text);
  let prevEnd = 0;
  let prevWordStart = 0;
  let prevWordEnd = 0;
  for (let at = 0; at < text.length;) {
    if (!isAsciiLetter(text.charCodeAt(at))) {
      at++;
      continue;
    }
    const start = at;
    at++;
    while (at < text.length && isWordTail(text.charCodeAt(at))) at++;
    const wordEnd = trimWordEnd(text, start, at);
    const initial = startsSentence(text, prevEnd, start, prevWordStart, prevWordEnd);
    const c = text.charCodeAt(start);
    tokens.push(start, at, wordEnd, c >= 65 && c <= 90, initial);
    prevEnd = at;
    prevWordStart = start;
    prevWordEnd = wordEnd;
  }
  return tokens;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** An apostrophe (`'`, `’`) or a hyphen. */
function isJoiner(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2d;
}

/** What a word goes on with: a letter or a joiner. */
function isWordTail(c: number): boolean {
  return isAsciiLetter(c) || isJoiner(c);
}

/** Where the word `text[start, end)` ends once a trailing `'s` (either apostrophe), then any
 * trailing apostrophes and hyphens, are cut: `m.replace(/['’]s$/, '').replace(/['’-]+$/, '')`
 * (a word always keeps its first letter). */
function trimWordEnd(text: string, start: number, end: number): number {
  let e = end;
  const beforeS = text.charCodeAt(e - 2);
  if (e - start >= 2 && text.charCodeAt(e - 1) === 0x73 && (beforeS === 0x27 || beforeS === 0x2019))
    e -= 2;
  while (e > start && isJoiner(text.charCodeAt(e - 1))) e--;
  return e;
}

/**
 * Whether the word at `start` starts a sentence, from the gap since the word before (which ended
 * at `prevEnd`, 0 for none; its word is `text[prevWordStart, prevWordEnd)`), at most 120
 * characters of it: after sentence punctuation, a paragraph break or an opening single quote, but
 * not after `Mr. ` and the like. Most gaps are spaces, commas and at most one line end, which
 * decide nothing: those are told apart by a look at their characters, the rest go to the regular
 * expressions.
 */
function startsSentence(
  text: string,
  prevEnd: number,
  start: number,
  prevWordStart: number,
  prevWordEnd: number,
): boolean {
  const from = Math.max(prevEnd, start - 120);
  if (prevEnd !== 0 && isPlainGap(text, from, start)) return false;
  const gap = text.slice(from, start);
  const afterAbbreviation =
    /^\.\s+$/.test(gap) && ABBREVIATIONS.test(text.slice(prevWordStart, prevWordEnd));
  return (
    !afterAbbreviation &&
    (prevEnd === 0 || /[.!?"“”‘:;()_—]|\n\s*\n|^\s*['’]/.test(gap) || /\s['‘]$/.test(gap))
  );
}

/** Only spaces and commas and at most one line end: no sentence punctuation, paragraph break or
 * quote can be in it. */
function isPlainGap(text: string, from: number, to: number): boolean {
  let lineEnds = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lineEnds++;
    else if (c !== 32 && c !== 44) return false;
  }
  return lineEnds <= 1;
}

function isAllCaps(w: string): boolean {
  return w.length > 1 && w === w.toUpperCase();
}

interface Stats {
  count: number;
  /** Next to a speech verb (`said Alice`, `the Queen shouted`) or followed by `who`. */
  speech: number;
  afterThe: number;
  person: number;
  place: number;
}

/**
 * English names from capitalised-word statistics: words and runs of words (`Mock Turtle`,
 * `Ghost of Christmas Present`) capitalised outside sentence-initial positions and rarely seen in
 * lower case, titled names (`Mr. Darcy`), and roles written `the X` (`the Queen`). Words next to a
 * speech verb or followed by a verb count as person evidence; after `in`/`at`/`from` as place
 * evidence, which filters places out.
 */
export function extractEnglishNames(text: string): NameCandidate[] {
  const tokens = tokenize(text);
  const runs = new Map<string, Stats>();
  const bump = (
    key: string,
    prev: Token | undefined,
    prev2: Token | undefined,
    next: Token | undefined,
    next2: Token | undefined,
  ) => {
    let s = runs.get(key);
    if (!s) runs.set(key, (s = { count: 0, speech: 0, afterThe: 0, person: 0, place: 0 }));
    s.count++;
    const p = prev?.word.toLowerCase();
    if (p === 'the') s.afterThe++;
    const speechBefore = p === 'the' ? prev2?.word : prev?.word;
    if (
      (speechBefore && SPEECH_VERBS.test(speechBefore)) ||
      (next && /^(?:who|whom|whose)$/.test(next.word)) ||
      (next && SPEECH_VERBS.test(next.word)) ||
      (next && next2 && /^[a-z]+ly$/.test(next.word) && SPEECH_VERBS.test(next2.word))
    )
      s.speech++;
    if (
      (p && SPEECH_VERBS.test(p)) ||
      (next && !next.capital && (SPEECH_VERBS.test(next.word) || isVerbLike(next.word, next2)))
    )
      s.person++;
    const before = p === 'the' ? prev2?.word.toLowerCase() : p;
    if (before && PLACE_PREPOSITIONS.has(before)) s.place++;
  };
  for (let i = 0; i < tokens.length; i++) {
    // A capital that starts a sentence tells nothing, even after `the`.
    if (!tokens.capital(i) || tokens.initial(i)) continue;
    const t = tokens.get(i) as Token;
    if (isAllCaps(t.word)) continue;
    const prev = tokens.get(i - 1);
    const prevIsTitle = prev !== undefined && TITLES.has(prev.word) && prev.capital;
    if (NOT_NAMES.has(t.word.replace(/['’]/g, '')) && !prevIsTitle) continue;
    // extend a run: Capitalised (of (the)?)? Capitalised …
    const words = [t.word];
    let j = i + 1;
    while (j < tokens.length && words.length < 5) {
      const n = tokens.get(j) as Token;
      if (n.initial || !isBlank(text, (tokens.get(j - 1) as Token).end, n.start)) break;
      if (n.capital && !isAllCaps(n.word) && n.word !== 'I') {
        words.push(n.word);
        j++;
        continue;
      }
      const after = tokens.get(j + 1);
      if (n.word === 'of' && after && after.capital && !after.initial && after.word !== 'I') {
        words.push('of', after.word);
        j += 2;
        continue;
      }
      if (n.word === 'to' && words[words.length - 1] === 'Yet' && after?.word === 'Come') {
        words.push('to', 'Come');
        j += 2;
        continue;
      }
      break;
    }
    let key = words.join(' ');
    if (prevIsTitle && prev) key = `${normalizeTitle(prev.word)} ${key}`;
    const before = prevIsTitle ? i - 2 : i - 1;
    bump(key, tokens.get(before), tokens.get(before - 1), tokens.get(j), tokens.get(j + 1));
    i = j - 1;
  }
  const lower = lowerCaseCounts(tokens, runs);
  const out: NameCandidate[] = [];
  for (const [key, s] of runs) {
    const words = key.split(' ');
    const head = words[words.length - 1] ?? key;
    if (s.count < 3) continue;
    const role = s.afterThe >= s.count * 0.5;
    if (words.length === 1) {
      const low = lower.get(head.toLowerCase()) ?? 0;
      if (low > s.count * (role ? 1 : 0.25)) continue;
    }
    // A title (`Colonel Ross`) names a person, and is a common word that does not make the
    // phrase common.
    const first = (words[0] ?? '').replace(/\.$/, '');
    const titled = TITLES.has(first) && first !== 'Saint' && first !== 'St' && words.length > 1;
    if (!titled && s.place > s.person && s.place >= s.count * 0.3) continue;
    // `Saint Antoine`, `St. Paul's`: a district or a church unless it speaks.
    if (first === 'Saint' || first === 'St') continue;
    // A role (`the Time Machine`, `the Palace of …`) or a phrase of common words (`Merry
    // Christmas`) must speak or act as a person at least once.
    const commonWords = words.some(
      (w, k) =>
        w !== 'of' && !(titled && k === 0) && (lower.get(w.toLowerCase()) ?? 0) > s.count * 0.25,
    );
    if ((role || (words.length > 1 && commonWords)) && s.speech === 0) continue;
    if (words.length === 1 && s.person === 0 && s.count < 8) continue;
    out.push({ name: role ? `the ${key}` : key, aliases: [], score: s.count });
  }
  return out;
}

/**
 * How often each word of the runs seen at least 3 times is written, lower-cased, as a word without
 * a capital (`rabbit` for `White Rabbit`): only those are ever asked for. A word is sliced and
 * counted only when one of them has its first letter and length — counting every word of the
 * book took some 20 ms of a 0.8 MB book.
 */
function lowerCaseCounts(
  tokens: TokenTable,
  runs: ReadonlyMap<string, Stats>,
): Map<string, number> {
  const counts = new Map<string, number>();
  const shapes = new Set<number>();
  for (const [key, s] of runs) {
    if (s.count < 3) continue;
    for (const word of key.split(' ')) {
      const w = word.toLowerCase();
      counts.set(w, 0);
      shapes.add(shapeOf(w.charCodeAt(0), w.length));
    }
  }
  for (let i = 0; i < tokens.length; i++) {
    if (tokens.capital(i) || !shapes.has(shapeOf(tokens.firstCode(i), tokens.wordLength(i))))
      continue;
    const n = counts.get(tokens.word(i));
    if (n !== undefined) counts.set(tokens.word(i), n + 1);
  }
  return counts;
}

/** A word's first UTF-16 unit and length, as one number. */
function shapeOf(first: number, length: number): number {
  return first * 4096 + Math.min(length, 4095);
}

function normalizeTitle(w: string): string {
  return /^(Mr|Mrs|Ms|Dr|St)$/.test(w) ? `${w}.` : w;
}

const COMMON_VERBS = new Set(
  'was had did could would should might must will shall looked went came took made gave got felt knew saw heard ran sat stood turned began seemed thought found left put kept held told asked answered nodded smiled laughed shook opened closed walked stopped tried wanted hurried replied whispered muttered sighed'.split(
    ' ',
  ),
);

function isVerbLike(w: string, next: Token | undefined): boolean {
  if (COMMON_VERBS.has(w)) return true;
  if (w.length > 4 && w.endsWith('ed')) return true;
  return (w === 'is' || w === 'has') && next !== undefined && !next.capital;
}
