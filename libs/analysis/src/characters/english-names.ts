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
const WORD = /[A-Za-z][A-Za-z'’-]*/g;

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
      word: this.text.slice(this.start[i], this.wordEnd[i]),
      start: this.start[i] as number,
      end: this.end[i] as number,
      capital: (f & 1) !== 0,
      initial: (f & 2) !== 0,
    };
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

function tokenize(text: string): TokenTable {
  const tokens = new TokenTable(text);
  let prevEnd = 0;
  let prevWord = '';
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    let word = m[0].replace(/['’]s$/, '').replace(/['’-]+$/, '');
    if (word.length === 0) word = m[0];
    const gap = text.slice(Math.max(prevEnd, m.index - 120), m.index);
    const afterAbbreviation = /^\.\s+$/.test(gap) && ABBREVIATIONS.test(prevWord);
    const initial =
      !afterAbbreviation &&
      (prevEnd === 0 || /[.!?"“”‘:;()_—]|\n\s*\n|^\s*['’]/.test(gap) || /\s['‘]$/.test(gap));
    const c = word.charCodeAt(0);
    tokens.push(m.index, m.index + m[0].length, m.index + word.length, c >= 65 && c <= 90, initial);
    prevEnd = m.index + m[0].length;
    prevWord = word;
  }
  return tokens;
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
  const lower = new Map<string, number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens.get(i) as Token;
    if (!t.capital) lower.set(t.word, (lower.get(t.word) ?? 0) + 1);
  }
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
    const t = tokens.get(i) as Token;
    if (!t.capital || isAllCaps(t.word)) continue;
    const prev = tokens.get(i - 1);
    const prevIsThe = prev !== undefined && /^the$/i.test(prev.word) && !t.initial;
    const prevIsTitle = prev !== undefined && TITLES.has(prev.word) && prev.capital && !t.initial;
    if (t.initial && !prevIsThe) continue;
    if (NOT_NAMES.has(t.word.replace(/['’]/g, '')) && !prevIsTitle) continue;
    // extend a run: Capitalised (of (the)?)? Capitalised …
    const words = [t.word];
    let j = i + 1;
    while (j < tokens.length && words.length < 5) {
      const n = tokens.get(j) as Token;
      if (n.initial || text.slice((tokens.get(j - 1) as Token).end, n.start).trim() !== '') break;
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
