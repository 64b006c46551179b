/**
 * Calls `fn` on every item, at most `limit` at a time, in order of the items. After the first
 * failure no new call starts; the calls under way are awaited, then the first error is thrown.
 * `shouldStart` (asked before each call but the first) can stop the walk early: the calls
 * under way still finish. Resolves with the number of calls started.
 */
export async function forEachLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<unknown>,
  shouldStart: () => boolean = () => true,
): Promise<number> {
  let next = 0;
  let failed = false;
  let stopped = false;
  let firstError: unknown;
  const worker = async (): Promise<void> => {
    while (!failed && !stopped && next < items.length) {
      if (next > 0 && !shouldStart()) {
        stopped = true;
        return;
      }
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (err) {
        if (!failed) firstError = err;
        failed = true;
      }
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failed) throw firstError;
  return next;
}
