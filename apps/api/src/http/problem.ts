import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  DomainError,
  IllegalTransitionError,
  InvalidNovelTextError,
  JobAlreadyExistsError,
  JobNotFoundError,
  JobVersionConflictError,
  NovelNotFoundError,
  NovelNotReadyError,
  NovelTooLargeError,
  StoryboardNotFoundError,
  TooLargeForSyncError,
  UploadsUnavailableError,
  ValidationError,
} from '@storyboard/domain';
import type { ApiEnv } from './api-env';

export const PROBLEM_JSON = 'application/problem+json';

/** One validation issue: where (`path`, e.g. `query.limit`) and what is wrong. */
export interface ProblemIssue {
  path: string;
  message: string;
}

/** RFC 9457 problem details, plus a stable `code` and the request id to quote to support. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: ProblemIssue[];
}

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

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** `type` is a URN per code: stable, and it never points at a page that might move. */
export const problemType = (code: string): string => `urn:storyboard:problem:${code.toLowerCase()}`;

export function problemResponse(
  c: Context<ApiEnv>,
  status: ContentfulStatusCode,
  code: string,
  detail: string,
  extra: { errors?: ProblemIssue[]; headers?: Record<string, string> } = {},
): Response {
  const body: Problem = {
    type: problemType(code),
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    instance: c.req.path,
    requestId: c.get('requestId'),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  return c.body(JSON.stringify(body), status, {
    'Content-Type': PROBLEM_JSON,
    ...extra.headers,
  });
}

/**
 * The one place domain errors become HTTP statuses. Permanent errors whose message is meant
 * for the caller keep it; retryable infrastructure errors (storage, dispatch, generator)
 * become 503 with a generic detail, since their messages may name internal resources.
 * Anything else is a 500 with a generic message.
 */
export function statusForDomainError(err: DomainError): {
  status: ContentfulStatusCode;
  detail: string;
} {
  const own = (status: ContentfulStatusCode) => ({ status, detail: err.message });
  if (err instanceof NovelNotFoundError || err instanceof JobNotFoundError) return own(404);
  if (err instanceof StoryboardNotFoundError) return own(404);
  if (err instanceof ValidationError) return own(400);
  if (err instanceof InvalidNovelTextError) return own(422);
  if (err instanceof NovelTooLargeError || err instanceof TooLargeForSyncError) return own(413);
  if (
    err instanceof IllegalTransitionError ||
    err instanceof NovelNotReadyError ||
    err instanceof JobAlreadyExistsError ||
    err instanceof JobVersionConflictError
  ) {
    return own(409);
  }
  if (err instanceof UploadsUnavailableError) return own(501);
  if (err.retryable) {
    return {
      status: 503,
      detail: 'A service this request depends on is briefly unavailable; try again shortly.',
    };
  }
  return { status: 500, detail: 'The server could not complete the request.' };
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}

/** Thrown by handlers for an HTTP-level problem that has no domain error (e.g. an empty body);
 * `app.onError` renders it like any other. */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}
