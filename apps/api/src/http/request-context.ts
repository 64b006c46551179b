import type { MiddlewareHandler } from 'hono';
import type { Logger } from '@storyboard/runtime';
import type { ApiEnv } from './api-env';

/** Request id (API Gateway's on Lambda, a fresh one otherwise), echoed as `X-Request-Id`, and
 * one structured access-log line per request. Never logs bodies or query strings (titles). */
export function requestContext(logger: Logger): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    const event = c.env?.event as { requestContext?: { requestId?: unknown } } | undefined;
    const fromGateway = event?.requestContext?.requestId;
    const requestId = typeof fromGateway === 'string' ? fromGateway : crypto.randomUUID();
    c.set('requestId', requestId);
    await next();
    c.header('X-Request-Id', requestId);
    logger.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      userId: c.get('userId'),
      jobId: c.get('jobId'),
    });
  };
}
