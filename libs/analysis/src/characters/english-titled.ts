/**
 * `Kindly let me have the facts, Mr. Munro`: the client the text introduced as `Grant Munro` is
 * `Mr. Munro` — when the text writes that form, nobody else bears the surname (no other full
 * name ends with it, the bare surname is no name of its own) and the given name is not a
 * woman's. Returns `[form, full name]` pairs to join; one pass over the text.
 */
export function titledSurnames(
  fulls: readonly string[],
  singles: ReadonlySet<string>,
  text: string,
  isFeminine: (given: string) => boolean,
): [form: string, full: string][] {
  const bySurname = new Map<string, string[]>();
  for (const full of fulls) {
    const words = full.split(' ');
    const surname = words[words.length - 1] as string;
    bySurname.set(surname, [...(bySurname.get(surname) ?? []), full]);
  }
  const out: [string, string][] = [];
  let written: Set<string> | undefined;
  for (const [surname, owners] of bySurname) {
    const full = owners[0] as string;
    const words = full.split(' ');
    if (owners.length !== 1 || words.length !== 2 || singles.has(surname)) continue;
    if (!/^[A-Z][a-z]+$/.test(words[0] as string) || !/^[A-Z][a-z]+$/.test(surname)) continue;
    written ??= surnamesAfterMr(text);
    if (!written.has(surname)) continue;
    const form = `Mr. ${surname}`;
    if (!isFeminine(words[0] as string)) out.push([form, full]);
  }
  return out;
}

/** Every `X` written as `Mr. X` in the text. */
function surnamesAfterMr(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\bMr\.\s+([A-Z][a-z]+)\b/g)) if (m[1]) out.add(m[1]);
  return out;
}
