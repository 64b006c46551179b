import { pushTo } from '../util/push-to';
import type { NameCandidate } from './candidate';

/** One person: the name shown, the other forms, and the evidence behind them. */
export interface Group {
  name: string;
  aliases: string[];
  score: number;
}

/** Groups candidates by root; the root names the group unless a role form (`the X`) of a merged
 * member is more telling, and aliases list the other forms by evidence. */
export function collect(
  candidates: readonly NameCandidate[],
  rootOf: (name: string) => string,
): Group[] {
  const groups = new Map<string, NameCandidate[]>();
  for (const c of candidates) pushTo(groups, rootOf(c.name), c);
  const out: Group[] = [];
  for (const members of groups.values()) {
    const top = [...members].sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1))[0];
    if (!top) continue;
    const isRole = members.some((m) => /^the /.test(m.name));
    const name = isRole && !/^the /.test(top.name) ? `the ${top.name}` : top.name;
    const aliases = members
      .filter((m) => m.name !== top.name)
      .sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1))
      .map((m) => m.name)
      .filter((a) => a !== name);
    out.push({ name, aliases, score: members.reduce((s, m) => s + m.score, 0) });
  }
  return out.sort((a, b) => b.score - a.score || (a.name < b.name ? -1 : 1));
}
