/** The wait before retry number `retry` (1-based): exponential with equal jitter, and never
 * shorter than what the service asked for in `Retry-After`. */
export function retryDelayMs(
  retry: number,
  opts: { baseMs: number; maxMs: number; random: () => number },
  retryAfterMs: number | undefined,
): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** (retry - 1));
  const jittered = ceiling / 2 + (opts.random() * ceiling) / 2;
  if (retryAfterMs === undefined) return Math.round(jittered);
  return Math.round(Math.max(Math.min(retryAfterMs, opts.maxMs), jittered));
}

/** `retry-after-ms` (OpenAI style), else `Retry-After` in seconds or as an HTTP date. */
export function parseRetryAfter(
  headers: { get(name: string): string | null } | undefined,
  nowMs: number = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
