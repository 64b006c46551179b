/** A job's representation changes exactly when its version does: `"{id}.v{version}"`. */
export const jobEtag = (job: { id: string; version: number }): string =>
  `"${job.id}.v${job.version}"`;

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/` is ignored, `*` matches. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}
