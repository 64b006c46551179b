import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import type { Logger } from '@storyboard/runtime';
import type { ApiEnv } from './api-env';
import { UNEXPECTED } from './error-table';
import {
  ApiProblem,
  HTTP_CODES,
  isDomainError,
  problemResponse,
  statusForDomainError,
} from './problem';

/** zod-openapi's `defaultHook`: a request that fails its route's schemas is a 400 whose
 * `errors` list each issue as `target.path: message`. */
export function validationProblem(
  result: { success: boolean; target: string; error?: unknown },
  c: Context<ApiEnv>,
): Response | undefined {
  if (result.success) return undefined;
  const errors = (result.error as ZodError).issues.map((issue) => ({
    path: [result.target, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return problemResponse(c, 400, HTTP_CODES.invalid, 'The request is invalid: see `errors`.', {
    errors,
  });
}

export const routeNotFound: NotFoundHandler<ApiEnv> = (c) =>
  problemResponse(c, 404, HTTP_CODES.routeNotFound, `No route ${c.req.method} ${c.req.path}.`);

/** Every error becomes problem+json here, once: Hono's own (bad JSON, wrong type, too large),
 * the API's `ApiProblem`s, domain errors through the error table, and anything else as a
 * generic 500 that is logged but never echoed. */
export function errorHandler(logger: Logger): ErrorHandler<ApiEnv> {
  return (err, c) => {
    if (err instanceof HTTPException) {
      const res = hostProblem(err, c);
      if (res) return res;
    }
    if (err instanceof ApiProblem) return problemResponse(c, err.status, err.code, err.detail);
    if (isDomainError(err)) {
      const { status, detail } = statusForDomainError(err);
      if (status >= 500) {
        logger.error('request failed', {
          requestId: c.get('requestId'),
          jobId: c.get('jobId'),
          error: { name: err.name, code: err.code, message: err.message },
        });
      }
      return problemResponse(c, status, err.code, detail, {
        headers: status === 503 ? { 'Retry-After': '1' } : {},
      });
    }
    logger.error('unexpected error', {
      requestId: c.get('requestId'),
      jobId: c.get('jobId'),
      error: err instanceof Error ? { name: err.name, message: err.message } : String(err),
    });
    return problemResponse(c, UNEXPECTED.status, UNEXPECTED.code, UNEXPECTED.detail);
  };
}

/** Raised by Hono itself before any handler runs: bad JSON (400), wrong type (415). */
function hostProblem(err: HTTPException, c: Context<ApiEnv>): Response | undefined {
  if (err.status === 415) {
    return problemResponse(
      c,
      415,
      HTTP_CODES.unsupportedMediaType,
      'This Content-Type is not accepted here: see /docs for the media types of each route.',
    );
  }
  if (err.status === 400) {
    const json = /json/i.test(err.message);
    return problemResponse(
      c,
      400,
      json ? HTTP_CODES.malformedJson : HTTP_CODES.invalid,
      json ? 'The body is not valid JSON.' : 'The request is malformed.',
    );
  }
  if (err.status === 413) {
    return problemResponse(c, 413, HTTP_CODES.bodyTooLarge, 'The body is too large.');
  }
  if (err.status < 500) {
    return problemResponse(c, 400, HTTP_CODES.invalid, 'The request is malformed.');
  }
  return undefined;
}
