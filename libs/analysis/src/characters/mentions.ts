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
  private readonly pattern: RegExp | undefined;
  private readonly idByForm = new Map<string, string>();
  private readonly scanner: PrefixScanner | undefined;

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
      return;
    }
    const space = acrossLineBreaks ? '\\s+' : ' ';
    const body = forms.map((f) => escapeRegExp(f).replace(/ /g, space)).join('|');
    this.pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${body})(?![\\p{L}\\p{N}])`, 'gu');
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
    if (this.scanner) {
      this.scanner.scan(text, from, to, (form, at) => {
        onMention(this.idByForm.get(form) as string, at, at + form.length);
      });
      return;
    }
    const re = this.pattern;
    if (!re) return;
    re.lastIndex = from;
    for (let m = re.exec(text); m && m.index + m[0].length <= to; m = re.exec(text)) {
      const id = this.idByForm.get(m[0]) ?? this.idByForm.get(m[0].replace(/\s+/g, ' '));
      if (id) onMention(id, m.index, m.index + m[0].length);
    }
  }

  /** Mentions per cast id in `text[from, to)`. */
  count(text: string, from = 0, to = text.length): Map<string, number> {
    const counts = new Map<string, number>();
    this.each(text, from, to, (id) => counts.set(id, (counts.get(id) ?? 0) + 1));
    return counts;
  }
}

export function countMentions(mentions: readonly Mention[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.castId, (counts.get(m.castId) ?? 0) + 1);
  return counts;
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
 * position, without regular expressions: forms are bucketed by their first two UTF-16 units, so
 * each position costs one map lookup. Single-unit forms are bucketed by their one unit.
 */
export class PrefixScanner {
  private readonly byPair = new Map<number, string[]>();
  private readonly bySingle = new Map<number, string>();
  /** 1 where some form starts with that UTF-16 unit: most positions are rejected by this alone. */
  private readonly starts = new Uint8Array(65536);
  /** 1 where some form of two or more units may start with that pair (a hash of the pair): a
   * frequent first character (`道`, `老`) followed by anything else costs no map lookup. */
  private readonly pairs = new Uint8Array(PAIR_HASH_SIZE);

  constructor(forms: readonly string[]) {
    const sorted = [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    for (const f of sorted) {
      if (f.length > 0) this.starts[f.charCodeAt(0)] = 1;
      if (f.length === 1) this.bySingle.set(f.charCodeAt(0), f);
      else if (f.length > 1) {
        const key = f.charCodeAt(0) * 65536 + f.charCodeAt(1);
        this.pairs[pairHash(f.charCodeAt(0), f.charCodeAt(1))] = 1;
        const list = this.byPair.get(key);
        if (list) list.push(f);
        else this.byPair.set(key, [f]);
      }
    }
  }

  scan(text: string, from: number, to: number, onMatch: (form: string, at: number) => void): void {
    const starts = this.starts;
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (starts[c] === 0) {
        i++;
        continue;
      }
      const next = text.charCodeAt(i + 1);
      const list =
        this.pairs[pairHash(c, next)] === 1 ? this.byPair.get(c * 65536 + next) : undefined;
      let matched: string | undefined;
      if (list) {
        for (const f of list) {
          if (i + f.length <= to && (f.length === 2 || text.startsWith(f, i))) {
            matched = f;
            break;
          }
        }
      }
      matched ??= this.bySingle.get(text.charCodeAt(i));
      if (matched) {
        onMatch(matched, i);
        i += matched.length;
      } else i++;
    }
  }
}

const PAIR_HASH_SIZE = 1 << 16;

function pairHash(a: number, b: number): number {
  // NaN (the text's end) hashes to 0 like any pair; the map lookup then finds nothing.
  return ((a << 5) ^ b) & (PAIR_HASH_SIZE - 1);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
