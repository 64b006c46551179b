import { ValidationError } from '@storyboard/domain';

/**
 * Opaque page cursors: base64url of `kind|scope|position`. The scope (a job id for storyboard
 * pages) keeps a cursor from being replayed against another resource; a cursor this API did
 * not issue is a 400, never a silent first page.
 */
export function encodeCursor(kind: string, scope: string, position: string): string {
  return Buffer.from(`${kind}|${scope}|${position}`, 'utf8').toString('base64url');
}

/** The position inside a cursor of `kind` for `scope`; throws `ValidationError` otherwise. */
export function decodeCursor(kind: string, scope: string, cursor: string): string {
  const [k, s, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const position = rest.join('|');
  if (k !== kind || s !== scope || !position) {
    throw new ValidationError('The cursor is not one this API returned for this resource.');
  }
  return position;
}

/** Storyboard pages: the position is the last chapter index already returned. */
export const storyboardCursor = {
  encode: (jobId: string, afterChapter: number) => encodeCursor('sb1', jobId, String(afterChapter)),
  decode: (jobId: string, cursor: string): number => {
    const after = Number(decodeCursor('sb1', jobId, cursor));
    if (!Number.isInteger(after) || after < 0) {
      throw new ValidationError('The cursor is not one this API returned for this resource.');
    }
    return after;
  },
};

/** Novel lists: wraps the repository's own cursor, scoped to nothing but the kind (the
 * repository scopes it to the caller). */
export const novelCursor = {
  encode: (inner: string) => encodeCursor('nv1', '-', inner),
  decode: (cursor: string) => decodeCursor('nv1', '-', cursor),
};
