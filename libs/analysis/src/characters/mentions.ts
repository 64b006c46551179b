import type { CastMember, Language } from '@storyboard/domain';

/** One occurrence of a cast member's name in a text. */
export interface Mention {
  castId: string;
  start: number;
  end: number;
}

/** The forms a name is written in the text: `the Queen` is found as `Queen`. */
export function searchForms(name: string): string {
  return name.replace(/^the\s+/i, '');
}

/** Finds every cast mention in one pass: longest form first at each position, whole words in
 * English. Build once per cast and reuse for every chunk. */
export class MentionMatcher {
  /** A form between non-letters, sticky: tried where `finder` found a form. */
  private readonly pattern: RegExp | undefined;
  /** Any form, wherever it stands (global). See `each`. */
  private readonly finder: RegExp | undefined;
  private readonly idByForm = new Map<string, string>();
  private readonly scanner: PrefixScanner | undefined;
  /** Chinese: the cast id of each of the scanner's forms, by its index. */
  private readonly scannerIds: string[] = [];

  /** `acrossLineBreaks`: English names broken over a line end (`Madame⏎Defarge`) are found too
   * (the generator's speaker attribution; the cast's own counts do not use it). */
  constructor(cast: readonly CastMember[], language: Language, acrossLineBreaks = false) {
    for (const member of cast) {
      for (const form of [member.name, ...member.aliases].map(searchForms)) {
        if (form.length > 0 && !this.idByForm.has(form)) this.idByForm.set(form, member.id);
      }
    }
    const forms = [...this.idByForm.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    if (forms.length === 0) return;
    if (language === 'zh') {
      this.scanner = new PrefixScanner(forms);
      this.scannerIds = forms.map((f) => this.idByForm.get(f) as string);
      return;
    }
    const space = acrossLineBreaks ? '\\s+' : ' ';
    const body = forms.map((f) => escapeRegExp(f).replace(/ /g, space)).join('|');
    this.pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'uy');
    this.finder = new RegExp(`(?:${body})`, 'gu');
  }

  /** Mentions inside `text[from, to)`, offsets into `text`, in order. */
  find(text: string, from = 0, to = text.length): Mention[] {
    const out: Mention[] = [];
    this.each(text, from, to, (castId, start, end) => out.push({ castId, start, end }));
    return out;
  }

  /** Calls `onMention` for each mention inside `text[from, to)` in order, keeping none. */
  each(
    text: string,
    from: number,
    to: number,
    onMention: (castId: string, start: number, end: number) => void,
  ): void {
    const scanner = this.scanner;
    if (scanner) {
      for (let at = scanner.next(text, from, to); at >= 0;) {
        const end = at + scanner.found.length;
        onMention(this.scannerIds[scanner.foundIndex] as string, at, end);
        at = scanner.next(text, end, to);
      }
      return;
    }
    const re = this.pattern;
    const finder = this.finder;
    if (!re || !finder) return;
    // A global search with `pattern` from `from`, stopped at the first match that ends after `to`.
    // Its lookbehind, tried at every position, made it ~4× slower than `finder`'s search for the
    // forms alone (a 0.8 MB book: ~17 → ~4 ms); every position where `pattern` matches is one
    // where `finder` does, so `pattern` is tried only there, in order, and the search goes on
    // after each match — the same matches.
    finder.lastIndex = from;
    for (let f = finder.exec(text); f; f = finder.exec(text)) {
      re.lastIndex = f.index;
      const m = re.exec(text);
      if (!m) {
        finder.lastIndex = f.index + codePointLength(text, f.index);
        continue;
      }
      if (m.index + m[0].length > to) return;
      const id = this.idByForm.get(m[0]) ?? this.idByForm.get(m[0].replace(/\s+/g, ' '));
      if (id) onMention(id, m.index, m.index + m[0].length);
      finder.lastIndex = re.lastIndex;
    }
  }

  /** Mentions per cast id in `text[from, to)`. */
  count(text: string, from = 0, to = text.length): Map<string, number> {
    const counts = new Map<string, number>();
    this.each(text, from, to, (id) => counts.set(id, (counts.get(id) ?? 0) + 1));
    return counts;
  }
}

/** Mentions of one stretch of text, sorted, with fast lookup of those inside a sub-range. */
export class MentionIndex {
  constructor(readonly all: readonly Mention[]) {}

  between(start: number, end: number): Mention[] {
    let lo = 0;
    let hi = this.all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.all[mid] as Mention).start < start) lo = mid + 1;
      else hi = mid;
    }
    const out: Mention[] = [];
    for (let i = lo; i < this.all.length; i++) {
      const m = this.all[i] as Mention;
      if (m.start >= end) break;
      if (m.end <= end) out.push(m);
    }
    return out;
  }
}

/**
 * Finds many short strings (Chinese names) in one left-to-right pass, longest first at each
 * position, without regular expressions: forms of two or more UTF-16 units are bucketed by a hash
 * of their first two units, so each position costs one array read. Single-unit forms are
 * bucketed by their one unit.
 */
export class PrefixScanner {
  private readonly bySingle = new Map<number, number>();
  /** Per UTF-16 unit: 1 when some longer form starts with it, 2 when it is a form itself (both:
   * 3); most positions are rejected by this alone. */
  private readonly starts = new Uint8Array(65536);
  /** Forms of two or more units by a hash of their first two, longest first: a frequent first
   * character (`道`, `老`) followed by anything else mostly finds an empty bucket. */
  private readonly buckets: string[][] = [[]];
  /** Beside each bucket's forms, their indexes into the constructor's `forms`. */
  private readonly bucketIndexes: number[][] = [[]];
  /** Index into `buckets` by the hash of a position's first two units; 0 (an empty bucket) for
   * most. */
  private readonly bucketOf = new Int32Array(PAIR_HASH_SIZE);

  constructor(private readonly forms: readonly string[]) {
    const order = forms
      .map((_, i) => i)
      .sort((a, b) => byLengthThenText(forms[a] as string, forms[b] as string) || a - b);
    for (const index of order) {
      const f = forms[index] as string;
      const first = f.charCodeAt(0);
      if (f.length === 1) {
        this.starts[first] = (this.starts[first] as number) | 2;
        if (!this.bySingle.has(first)) this.bySingle.set(first, index);
      } else if (f.length > 1) {
        this.starts[first] = (this.starts[first] as number) | 1;
        const h = pairHash(first, f.charCodeAt(1));
        if (this.bucketOf[h] === 0) {
          this.bucketOf[h] = this.buckets.length;
          this.buckets.push([]);
          this.bucketIndexes.push([]);
        }
        (this.buckets[this.bucketOf[h] as number] as string[]).push(f);
        (this.bucketIndexes[this.bucketOf[h] as number] as number[]).push(index);
      }
    }
  }

  /** The form matched by the last `next` that found one. */
  found = '';
  /** Its index into the constructor's `forms` (the first, if a form is listed twice): callers
   * keep per-form data in arrays by it instead of a map by form (speed: one lookup less per
   * match, ~24k per whole-book pass on 西游记). */
  foundIndex = -1;

  /** Calls `onMatch` for each match inside `text[from, to)`, in order. */
  scan(text: string, from: number, to: number, onMatch: (form: string, at: number) => void): void {
    for (let at = this.next(text, from, to); at >= 0;) {
      const form = this.found;
      onMatch(form, at);
      at = this.next(text, at + form.length, to);
    }
  }

  /** Where the first match at or after `from` starts (it ends by `to`; its form is then in
   * `found`, its index in `foundIndex`), or -1. The loop over the text lives here, free of
   * callbacks, so it stays one optimised loop whoever calls it. */
  next(text: string, from: number, to: number): number {
    const starts = this.starts;
    const buckets = this.buckets;
    const bucketOf = this.bucketOf;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      const kinds = starts[c] as number;
      if (kinds === 0) continue;
      const next = text.charCodeAt(i + 1);
      const bucket = kinds & 1 ? (bucketOf[pairHash(c, next)] as number) : 0;
      if (bucket !== 0) {
        const forms = buckets[bucket] as string[];
        for (let j = 0; j < forms.length; j++) {
          const f = forms[j] as string;
          // A bucket may hold other pairs with the same hash: compare the pair first.
          if (f.charCodeAt(1) !== next || f.charCodeAt(0) !== c || i + f.length > to) continue;
          if (f.length === 2 || text.startsWith(f, i)) {
            this.found = f;
            this.foundIndex = (this.bucketIndexes[bucket] as number[])[j] as number;
            return i;
          }
        }
      }
      if (kinds & 2) {
        this.foundIndex = this.bySingle.get(c) as number;
        this.found = this.forms[this.foundIndex] as string;
        return i;
      }
    }
    return -1;
  }
}

const PAIR_HASH_SIZE = 1 << 16;

/** Longest first, then by code units: the order forms are tried in at one position. */
function byLengthThenText(a: string, b: string): number {
  return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
}

function pairHash(a: number, b: number): number {
  // NaN (the text's end) hashes to 0 like any pair; the pair comparison then finds nothing.
  return ((a << 5) ^ b) & (PAIR_HASH_SIZE - 1);
}

/** UTF-16 units of the code point at `at`: where a unicode search goes on after a failed try. */
function codePointLength(text: string, at: number): number {
  return (text.codePointAt(at) as number) > 0xffff ? 2 : 1;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
