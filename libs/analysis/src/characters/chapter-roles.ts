import type { Group } from './groups';

/** In chapter `chapter`, the role entry `generic` (`the Ghost`) means `specific` (`the Ghost of
 * Christmas Past`). */
export interface ChapterRole {
  chapter: number;
  generic: string;
  specific: string;
}

/**
 * English role words that name a different person in different chapters: a role entry `the X`
 * (`the Ghost`) whose text writes two or more distinct `the X of …` forms (`the Ghost of Christmas
 * Past`, `… Present`, `… Yet To Come`). In a chapter where one of those forms is written at least
 * twice as often as any other, `the X` means that one (a stave's ghost). Each such form becomes an entry of its own (the role entry
 * no longer takes one of them as its alias), and the roles per chapter are returned so the
 * roster can rank each by the chapter it leads. Groups are unchanged for a role with one form.
 */
export function withChapterRoles(
  groups: readonly Group[],
  text: string,
  chapterStarts: readonly number[],
): { groups: Group[]; roles: ChapterRole[] } {
  const out = groups.map((g) => ({ ...g, aliases: [...g.aliases] }));
  const roles: ChapterRole[] = [];
  const heads = new Map<string, Group>();
  for (const g of groups) {
    const head = /^the ([A-Z][a-z]+)$/.exec(g.name)?.[1];
    if (head) heads.set(head, g);
  }
  const formsByHead = specificForms(text, [...heads.keys()]);
  for (const [head, generic] of heads) {
    const forms = formsByHead.get(head) ?? [];
    const distinct = new Set(forms.map((f) => f.name));
    if (distinct.size < 2) continue;
    const found: ChapterRole[] = [];
    chapterStarts.forEach((start, chapter) => {
      const end = chapterStarts[chapter + 1] ?? text.length;
      const here = new Map<string, number>();
      for (const f of forms)
        if (f.at >= start && f.at < end) here.set(f.name, (here.get(f.name) ?? 0) + 1);
      const [first, second] = [...here].sort((a, b) => b[1] - a[1]);
      if (first && (!second || first[1] >= second[1] * 2))
        found.push({ chapter, generic: generic.name, specific: first[0] });
    });
    if (found.length === 0) continue;
    roles.push(...found);
    const own = out.find((g) => g.name === generic.name);
    if (own) own.aliases = own.aliases.filter((a) => !distinct.has(withThe(a)));
    for (const name of new Set(found.map((r) => r.specific))) {
      const holder = out.find((g) => g !== own && (g.name === name || g.aliases.includes(name)));
      if (!holder) out.push({ name, aliases: [], score: 0 });
    }
  }
  return { groups: out, roles };
}

/** Every `the X of Y Z` written with capitalised words after `of`, whitespace made single, by
 * head `X`, in one pass over the text. */
function specificForms(
  text: string,
  heads: readonly string[],
): Map<string, { name: string; at: number }[]> {
  const out = new Map<string, { name: string; at: number }[]>();
  if (heads.length === 0) return out;
  const re = new RegExp(
    `\\b(?:the\\s+)?(${heads.join('|')})\\s+of\\s+((?:[A-Z][a-z]+\\s+)*[A-Z][a-z]+)`,
    'g',
  );
  for (const m of text.matchAll(re)) {
    const head = m[1] as string;
    const list = out.get(head) ?? [];
    list.push({ name: `the ${head} of ${(m[2] ?? '').replace(/\s+/g, ' ')}`, at: m.index ?? 0 });
    out.set(head, list);
  }
  return out;
}

function withThe(name: string): string {
  return /^the /.test(name) ? name : `the ${name}`;
}
