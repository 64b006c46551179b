import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppConfig } from '@storyboard/runtime';
import type { ApiEnv } from '../http/api-env';

/**
 * The document-level parts of the OpenAPI document (the routes add their own operations).
 * Checked by `redocly lint` on its recommended rules in `openapi-lint.spec.ts`: servers,
 * licence and contact are required there, and every operation has an `operationId`.
 */
export const OPENAPI_CONFIG = {
  openapi: '3.1.0',
  info: {
    title: 'Storyboard API',
    version: '1.0.0',
    description:
      'Turn a novel into a comic storyboard. Upload a novel, start an analysis job, poll it, then page through the storyboard. Errors are RFC 9457 problem+json with a stable `code`.',
    license: { name: 'MIT', identifier: 'MIT' },
    contact: { name: 'Storyboard maintainers (see the repository README)' },
  },
  // Relative: the API is served where this document is (npm start, API Gateway, function URL).
  servers: [{ url: '/', description: 'The host that serves this document' }],
  security: [{ user: [] }],
  tags: [
    { name: 'novels', description: 'Upload and list novels' },
    { name: 'jobs', description: 'Analysis jobs, progress and storyboards' },
  ],
};

/** The `user` security scheme: a bearer JWT (AUTH_MODE=jwt) or the dev header. */
export function registerSecurityScheme(app: OpenAPIHono<ApiEnv>, mode: AppConfig['AUTH_MODE']) {
  const scheme =
    mode === 'jwt'
      ? { type: 'http' as const, scheme: 'bearer', bearerFormat: 'JWT' }
      : { type: 'apiKey' as const, in: 'header' as const, name: 'X-User-Id' };
  app.openAPIRegistry.registerComponent('securitySchemes', 'user', {
    ...scheme,
    description:
      mode === 'jwt'
        ? 'API Gateway JWT authorizer; the user is the token’s `sub`.'
        : 'AUTH_MODE=dev (local only): the user is the X-User-Id header.',
  });
}
