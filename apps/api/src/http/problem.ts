import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError } from '@storyboard/domain';
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

export { HTTP_CODES, statusForDomainError } from './error-table';

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
