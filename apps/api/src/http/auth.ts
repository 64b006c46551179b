import type { MiddlewareHandler } from 'hono';
import type { AppConfig } from '@storyboard/runtime';
import type { ApiEnv } from './api-env';
import { HTTP_CODES, problemResponse } from './problem';

/** A user id becomes part of storage keys (`USER#…`, `novels/{owner}/…`): keep it to a safe
 * alphabet. Cognito `sub`s are UUIDs; other issuers use forms like `auth0|123`. */
const USER_ID = /^[A-Za-z0-9._@:|+-]{1,128}$/;

/**
 * Who is calling. `jwt`: the `sub` claim the API Gateway JWT authorizer verified (the
 * Lambda adapter passes the raw event as `c.env.event`); `dev`: the `X-User-Id` header,
 * local only (the config refuses it on Lambda). No fallback user: without one it is 401.
 */
export function authenticate(mode: AppConfig['AUTH_MODE']): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const userId = mode === 'jwt' ? jwtSubject(c.env?.event) : c.req.header('x-user-id');
    // `.` and `..` would climb out of their prefix in a path-like key (`novels/../x`).
    if (!userId || !USER_ID.test(userId) || /^\.+$/.test(userId)) {
      const detail =
        mode === 'jwt'
          ? 'Send a valid bearer token: the request carries no verified user (JWT sub claim).'
          : 'Send the X-User-Id header (AUTH_MODE=dev): letters, digits and ._@:|+- only (not dots alone), at most 128.';
      return problemResponse(c, 401, HTTP_CODES.unauthenticated, detail, {
        headers: { 'WWW-Authenticate': mode === 'jwt' ? 'Bearer' : 'X-User-Id' },
      });
    }
    c.set('userId', userId);
    await next();
  };
}

function jwtSubject(event: unknown): string | undefined {
  const sub = (
    event as { requestContext?: { authorizer?: { jwt?: { claims?: { sub?: unknown } } } } }
  )?.requestContext?.authorizer?.jwt?.claims?.sub;
  return typeof sub === 'string' ? sub : undefined;
}
