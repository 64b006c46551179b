import { streamHandle } from 'hono/aws-lambda';
import { ConfigError, composeApp, createLogger, parseConfig } from '@storyboard/runtime';
import { createApi } from './app';
import { createJwtVerifier } from './http/jwt-verifier';

// The same Hono app, for a Lambda function URL with response streaming (InvokeMode
// RESPONSE_STREAM): it serves GET /jobs/{id}/events (and every other route). A function URL
// has no JWT authorizer, so the app verifies the bearer token against the issuer's JWKS.
const config = parseConfig(process.env);
if (config.AUTH_MODE !== 'jwt' || !config.JWT_ISSUER) {
  throw new ConfigError(
    'Invalid configuration: the streaming API (function URL) needs AUTH_MODE=jwt and JWT_ISSUER (and optionally JWT_AUDIENCE, JWKS_URL): it verifies tokens itself.',
  );
}
const logger = createLogger('storyboard-api-stream', config.LOG_LEVEL);
const verifyBearer = createJwtVerifier({
  issuer: config.JWT_ISSUER,
  audience: config.JWT_AUDIENCE,
  jwksUrl: config.JWKS_URL,
});
const app = createApi({ container: composeApp(config), config, logger, verifyBearer });

/** Function URL (response streaming) → the Hono app. */
export const handler = streamHandle(app);
