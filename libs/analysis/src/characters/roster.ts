interface Ranked {
  id: string;
  name: string;
  mentions: number;
}

const byMentions = (a: Ranked, b: Ranked) =>
  b.mentions - a.mentions || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** A chapter's principal: among its three most mentioned, with at least this many mentions there
 * and this share of the chapter's top count. */
const MIN_CHAPTER_MENTIONS = 6;
const MIN_SHARE_OF_TOP = 0.1;
/** A book is a collection of stories when at least this share of its secondary characters are
 * mentioned mostly (60%+) in a single chapter. */
const COLLECTION_SHARE = 0.5;

/**
 * The roster's order, by mentions; in a collection of stories (most secondary characters live in
 * one chapter), the first `slots` places go to the most mentioned and then to each chapter's
 * principal characters (its three most mentioned, if prominent there, by their count in that
 * chapter), so every story's lead is listed even when each appears in one story only. `mentions`
 * stay the true counts; within the head and the tail the order is by mentions.
 */
export function rankRoster<T extends Ranked>(
  members: readonly T[],
  byChapter: readonly ReadonlyMap<string, number>[],
  slots: number,
): T[] {
  const sorted = [...members].sort(byMentions);
  if (!isCollection(sorted, byChapter)) return sorted;
  const byId = new Map(sorted.map((m) => [m.id, m]));
  const head = new Set<string>(sorted.slice(0, Math.ceil(slots / 3)).map((m) => m.id));
  const principals: { id: string; rank: number; count: number }[] = [];
  for (const chapter of byChapter) {
    const top = [...chapter]
      .filter(([id]) => byId.has(id) && !head.has(id))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const best = top[0]?.[1] ?? 0;
    top.slice(0, 3).forEach(([id, count], rank) => {
      if (count >= MIN_CHAPTER_MENTIONS && count >= best * MIN_SHARE_OF_TOP)
        principals.push({ id, rank, count });
    });
  }
  // Every chapter's lead first, then every chapter's second, …
  principals.sort((a, b) => a.rank - b.rank || b.count - a.count || (a.id < b.id ? -1 : 1));
  for (const p of principals) {
    if (head.size >= slots) break;
    head.add(p.id);
  }
  for (const m of sorted) {
    if (head.size >= slots) break;
    head.add(m.id);
  }
  return [...sorted.filter((m) => head.has(m.id)), ...sorted.filter((m) => !head.has(m.id))];
}

function isCollection(
  sorted: readonly Ranked[],
  byChapter: readonly ReadonlyMap<string, number>[],
): boolean {
  if (byChapter.length < 3) return false;
  const secondary = sorted.slice(2, 32);
  if (secondary.length < 5) return false;
  const concentrated = secondary.filter((m) => {
    let peak = 0;
    for (const chapter of byChapter) peak = Math.max(peak, chapter.get(m.id) ?? 0);
    return peak >= m.mentions * 0.6;
  }).length;
  if (process.env['H16_DEBUG'])
    console.log('collection', concentrated, secondary.length, byChapter.length);
  return concentrated >= secondary.length * COLLECTION_SHARE;
}
