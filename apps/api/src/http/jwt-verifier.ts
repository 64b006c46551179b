import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { JWTVerifyGetKey } from 'jose';

/** Resolves a bearer token to its verified user (`sub`), or throws. */
export type BearerVerifier = (token: string) => Promise<string>;

export interface JwtVerifierOptions {
  /** The token issuer (`iss`), e.g. `https://cognito-idp.{region}.amazonaws.com/{poolId}`. */
  issuer: string;
  /** The expected `aud` (or Cognito access token `client_id`); unchecked when absent. */
  audience?: string;
  /** The issuer's JWKS URL (default `{issuer}/.well-known/jwks.json`, Cognito's and Auth0's). */
  jwksUrl?: string;
  /** Tests pass a local key set; otherwise the JWKS is fetched and cached by jose. */
  keys?: JWTVerifyGetKey;
}

/**
 * Verifies JWTs in the app, for a Lambda function URL (which has no JWT authorizer): the
 * signature against the issuer's JWKS (jose caches it and refetches on an unknown `kid`),
 * `iss`, `exp`/`nbf`, and `aud` when configured. Asymmetric algorithms only.
 */
export function createJwtVerifier(opts: JwtVerifierOptions): BearerVerifier {
  const keys =
    opts.keys ??
    createRemoteJWKSet(
      new URL(opts.jwksUrl ?? `${opts.issuer.replace(/\/$/, '')}/.well-known/jwks.json`),
    );
  return async (token) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer: opts.issuer,
      audience: opts.audience,
      algorithms: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256'],
    });
    if (typeof payload.sub !== 'string') throw new Error('the token has no sub claim');
    return payload.sub;
  };
}
