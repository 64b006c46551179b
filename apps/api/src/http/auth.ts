import type { MiddlewareHandler } from 'hono';
import type { AppConfig } from '@storyboard/runtime';
import type { ApiEnv } from './api-env';
import { HTTP_CODES, problemResponse } from './problem';
import type { BearerVerifier } from './jwt-verifier';

/** A user id becomes part of storage keys (`USER#…`, `novels/{owner}/…`): keep it to a safe
 * alphabet. Cognito `sub`s are UUIDs; other issuers use forms like `auth0|123`. */
const USER_ID = /^[A-Za-z0-9._@:|+-]{1,128}$/;

/**
 * Who is calling. `jwt`: the `sub` claim the API Gateway JWT authorizer verified (the
 * Lambda adapter passes the raw event as `c.env.event`); `dev`: the `X-User-Id` header,
 * local only (the config refuses it on Lambda). No fallback user: without one it is 401.
 */
export function authenticate(
  mode: AppConfig['AUTH_MODE'],
  /** Behind a function URL (no authorizer): verify the bearer token in the app instead. */
  verifyBearer?: BearerVerifier,
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const userId =
      mode !== 'jwt'
        ? c.req.header('x-user-id')
        : verifyBearer
          ? await bearerSubject(c.req.header('authorization'), verifyBearer)
          : jwtSubject(c.env?.event);
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

/** The verified `sub` of an `Authorization: Bearer` token; undefined (→ 401) when it is
 * missing or fails verification. The reason is not echoed to the client. */
async function bearerSubject(
  header: string | undefined,
  verify: BearerVerifier,
): Promise<string | undefined> {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!token) return undefined;
  try {
    return await verify(token);
  } catch (err) {
    if (err instanceof Error) return undefined;
    throw err;
  }
}
