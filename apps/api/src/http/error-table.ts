import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { DomainError } from '@storyboard/domain';

/** Codes the HTTP layer raises itself (the domain's own codes come from its errors). */
export const HTTP_CODES = {
  invalid: 'INPUT.INVALID',
  malformedJson: 'INPUT.MALFORMED_JSON',
  emptyBody: 'INPUT.EMPTY_BODY',
  bodyTooLarge: 'INPUT.BODY_TOO_LARGE',
  unsupportedMediaType: 'INPUT.UNSUPPORTED_MEDIA_TYPE',
  unauthenticated: 'AUTH.UNAUTHENTICATED',
  routeNotFound: 'ROUTE.NOT_FOUND',
  methodNotAllowed: 'ROUTE.METHOD_NOT_ALLOWED',
  unavailable: 'SERVICE.UNAVAILABLE',
  internal: 'INTERNAL',
} as const;

export interface ErrorRow {
  status: ContentfulStatusCode;
  /** Error codes answered with this status. */
  codes: readonly string[];
  /** For the docs page. */
  meaning: string;
  /** `own`: the error's message is meant for the caller and becomes the `detail`; `generic`:
   * its message may name internal resources, so the detail is a generic sentence. */
  detail: 'own' | 'generic';
}

const UNAVAILABLE = 'A service this request depends on is briefly unavailable; try again shortly.';
const INTERNAL = 'The server could not complete the request.';

/**
 * The one table from error code to HTTP status: every domain error's code (a test checks each
 * class in `DOMAIN_ERRORS` has a row) and the codes the HTTP layer raises itself. The docs
 * page's error table is rendered from it.
 */
export const ERROR_TABLE: readonly ErrorRow[] = [
  {
    status: 400,
    codes: ['INPUT.INVALID', 'INPUT.MALFORMED_JSON', 'INPUT.EMPTY_BODY', 'JOB.BACKEND_NOT_ENABLED'],
    meaning: 'bad parameters or body',
    detail: 'own',
  },
  { status: 401, codes: ['AUTH.UNAUTHENTICATED'], meaning: 'no verified user', detail: 'own' },
  {
    status: 404,
    codes: ['NOVEL.NOT_FOUND', 'JOB.NOT_FOUND', 'STORYBOARD.NOT_FOUND', 'ROUTE.NOT_FOUND'],
    meaning: 'absent, or another user’s',
    detail: 'own',
  },
  {
    status: 405,
    codes: ['ROUTE.METHOD_NOT_ALLOWED'],
    meaning: 'see the Allow header',
    detail: 'own',
  },
  {
    status: 409,
    codes: [
      'JOB.ILLEGAL_TRANSITION',
      'NOVEL.NOT_READY',
      'JOB.ALREADY_EXISTS',
      'JOB.VERSION_CONFLICT',
    ],
    meaning: 'state does not allow it',
    detail: 'own',
  },
  {
    status: 413,
    codes: ['INPUT.BODY_TOO_LARGE', 'NOVEL.TOO_LARGE', 'JOB.TOO_LARGE_FOR_SYNC'],
    meaning: 'too big; the detail says what to do',
    detail: 'own',
  },
  {
    status: 415,
    codes: ['INPUT.UNSUPPORTED_MEDIA_TYPE'],
    meaning: 'wrong Content-Type',
    detail: 'own',
  },
  {
    status: 422,
    codes: ['NOVEL.INVALID_TEXT'],
    meaning: 'not text the engine can read',
    detail: 'own',
  },
  {
    status: 501,
    codes: ['NOVEL.UPLOADS_UNAVAILABLE'],
    meaning: 'direct uploads need S3 storage',
    detail: 'own',
  },
  {
    status: 503,
    codes: [
      'STORAGE.UNAVAILABLE',
      'JOB.DISPATCH_FAILED',
      'GENERATOR.UNAVAILABLE',
      'SERVICE.UNAVAILABLE',
      // A domain `UnexpectedError` (e.g. a dispatch that failed for an unknown reason) is
      // retryable; anything thrown that is not a domain error is the 500 below.
      'INTERNAL',
    ],
    meaning: 'retry after Retry-After',
    detail: 'generic',
  },
  {
    status: 500,
    codes: [
      'JOB.ENDED',
      'JOB.ARTIFACT_MISSING',
      'GENERATOR.INVALID_OUTPUT',
      'STORAGE.CORRUPT',
      // A job's end state, recorded by the sweeper or the DLQ handler; never a request's.
      'JOB.STALLED',
      'JOB.DEAD_LETTERED',
      // A job's generator refused (bad key) or was refused (bad request): the job record
      // says so; an HTTP caller only ever sees them if a request ran the generator (sync).
      'GENERATOR.AUTH_FAILED',
      'GENERATOR.REJECTED',
    ],
    meaning: 'generic message; quote requestId (also any error with no domain code: INTERNAL)',
    detail: 'generic',
  },
];

const BY_CODE = new Map(ERROR_TABLE.flatMap((row) => row.codes.map((code) => [code, row])));

/** The row of `code`, if the table has one. */
export const errorRow = (code: string): ErrorRow | undefined => BY_CODE.get(code);

/**
 * The status and detail of a domain error, from the table. A code with no row (a class added
 * without one: the table test fails first) is answered like an unexpected error.
 */
export function statusForDomainError(err: DomainError): {
  status: ContentfulStatusCode;
  detail: string;
} {
  const row = errorRow(err.code);
  if (!row) return { status: 500, detail: INTERNAL };
  if (row.detail === 'own') return { status: row.status, detail: err.message };
  return { status: row.status, detail: row.status === 503 ? UNAVAILABLE : INTERNAL };
}

/** The answer to an error that has no domain meaning at all. */
export const UNEXPECTED = { status: 500, code: HTTP_CODES.internal, detail: INTERNAL } as const;
