import { ValidationError } from '@storyboard/domain';

/**
 * Opaque page cursors: base64url of the JSON `[kind, scope, position]`. The scope (a job id for storyboard
 * pages) keeps a cursor from being replayed against another resource; a cursor this API did
 * not issue is a 400, never a silent first page.
 */
export function encodeCursor(kind: string, scope: string, position: string): string {
  return Buffer.from(JSON.stringify([kind, scope, position]), 'utf8').toString('base64url');
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const NOT_OURS = 'The cursor is not one this API returned for this resource and user.';

/** The position inside a cursor of `kind` for `scope`; throws `ValidationError` otherwise.
 * Only the exact base64url text the API issued decodes (Node's decoder would skip foreign
 * characters silently); error messages never repeat the cursor. */
export function decodeCursor(kind: string, scope: string, cursor: string): string {
  if (!BASE64URL.test(cursor)) {
    throw new ValidationError(
      'The cursor has characters base64url does not use: pass `nextCursor` back exactly as the API returned it.',
    );
  }
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (Buffer.from(text, 'utf8').toString('base64url') !== cursor) {
    throw new ValidationError(NOT_OURS);
  }
  // A JSON triple, so a scope containing any character (user ids such as `auth0|123`) can
  // never be confused with another.
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(NOT_OURS, { cause: err });
  }
  const [k, s, position] = Array.isArray(parsed) && parsed.length === 3 ? parsed : [];
  if (k !== kind || s !== scope || typeof position !== 'string' || !position) {
    throw new ValidationError(NOT_OURS);
  }
  return position;
}

/** Storyboard pages: the position is the last chapter index already returned. */
export const storyboardCursor = {
  encode: (jobId: string, afterChapter: number) => encodeCursor('sb1', jobId, String(afterChapter)),
  decode: (jobId: string, cursor: string): number => {
    const after = Number(decodeCursor('sb1', jobId, cursor));
    if (!Number.isInteger(after) || after < 0 || after > 99_999) {
      throw new ValidationError(NOT_OURS);
    }
    return after;
  },
};

/** Novel lists: wraps the repository's own cursor, scoped to the user it was issued to (the
 * repository checks the inner position's shape). */
export const novelCursor = {
  encode: (userId: string, inner: string) => encodeCursor('nv1', userId, inner),
  decode: (userId: string, cursor: string) => decodeCursor('nv1', userId, cursor),
};
