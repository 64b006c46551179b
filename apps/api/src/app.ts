import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { HTTPException } from 'hono/http-exception';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { MiddlewareHandler } from 'hono';
import type { Container } from 'inversify';
import type { AppConfig, Logger } from '@storyboard/runtime';
import { TOKENS } from '@storyboard/runtime';
import type { ApiEnv } from './http/api-env';
import { authenticate } from './http/auth';
import {
  ApiProblem,
  HTTP_CODES,
  isDomainError,
  problemResponse,
  statusForDomainError,
} from './http/problem';
import { ERROR_TABLE, UNEXPECTED } from './http/error-table';
import { registerJobRoutes } from './routes/jobs.routes';
import { registerNovelRoutes } from './routes/novels.routes';
import { registerJobEventRoutes } from './routes/events.routes';
import { registerNovelJobRoutes } from './routes/novel-jobs.routes';
import { ListNovelJobs } from '@storyboard/domain';
import type { JobChangeNotifier } from './sse/job-change-notifier';
import type { BearerVerifier } from './http/jwt-verifier';
import { escapeHtml, renderDocsPage } from './docs/docs-page';

export interface CreateApiOptions {
  container: Container;
  config: AppConfig;
  logger: Logger;
  /** The local app's in-process change signal: wakes event streams early (optional). */
  jobChanges?: JobChangeNotifier;
  /** AUTH_MODE=jwt without an API Gateway authorizer (function URL): verify tokens here. */
  verifyBearer?: BearerVerifier;
}

export type Api = OpenAPIHono<ApiEnv>;

const API_INFO = {
  title: 'Storyboard API',
  version: '1.0.0',
  description:
    'Turn a novel into a comic storyboard. Upload a novel, start an analysis job, poll it, then page through the storyboard. Errors are RFC 9457 problem+json with a stable `code`.',
};

/**
 * The HTTP API: one Hono app that the Lambda adapter (API Gateway HTTP API v2) and
 * @hono/node-server both serve. Handlers parse, call one use case and map the result;
 * every error becomes problem+json here, once.
 */
export function createApi({
  container,
  config,
  logger,
  jobChanges,
  verifyBearer,
}: CreateApiOptions): Api {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const errors = (result.error as ZodError).issues.map((issue) => ({
        path: [result.target, ...issue.path.map(String)].join('.'),
        message: issue.message,
      }));
      return problemResponse(c, 400, HTTP_CODES.invalid, 'The request is invalid: see `errors`.', {
        errors,
      });
    },
  });

  app.use('*', requestContext(logger));
  app.use(
    '*',
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(
          c,
          405,
          HTTP_CODES.methodNotAllowed,
          `${c.req.method} is not allowed here; use ${methods.join(', ')}.`,
          { headers: { Allow: methods.join(', ') } },
        ),
    }),
  );
  const auth = authenticate(config.AUTH_MODE, verifyBearer);
  for (const path of ['/novels', '/novels/*', '/jobs', '/jobs/*']) app.use(path, auth);

  registerNovelRoutes(app, {
    submitNovel: container.get(TOKENS.SubmitNovel),
    createNovelUpload: container.get(TOKENS.CreateNovelUpload),
    listNovels: container.get(TOKENS.ListNovels),
    getNovel: container.get(TOKENS.GetNovel),
    requestAnalysis: container.get(TOKENS.RequestAnalysis),
  });
  registerJobRoutes(app, {
    getJob: container.get(TOKENS.GetJob),
    getStoryboard: container.get(TOKENS.GetStoryboard),
    cancelJob: container.get(TOKENS.CancelJob),
    retryJob: container.get(TOKENS.RetryJob),
  });
  registerNovelJobRoutes(app, {
    listNovelJobs: new ListNovelJobs(
      container.get(TOKENS.NovelRepository),
      container.get(TOKENS.JobRepository),
    ),
  });
  registerJobEventRoutes(app, {
    getJob: container.get(TOKENS.GetJob),
    pollMs: config.SSE_POLL_MS,
    maxStreamMs: config.SSE_MAX_STREAM_SECONDS * 1000,
    heartbeatMs: 15_000,
    retryMs: 1_000,
    changes: jobChanges,
    onReadError: (err, jobId) =>
      logger.warn('event stream read failed', {
        jobId,
        error: err instanceof Error ? { name: err.name, message: err.message } : String(err),
      }),
  });

  const security =
    config.AUTH_MODE === 'jwt'
      ? { type: 'http' as const, scheme: 'bearer', bearerFormat: 'JWT' }
      : { type: 'apiKey' as const, in: 'header' as const, name: 'X-User-Id' };
  app.openAPIRegistry.registerComponent('securitySchemes', 'user', {
    ...security,
    description:
      config.AUTH_MODE === 'jwt'
        ? 'API Gateway JWT authorizer; the user is the token’s `sub`.'
        : 'AUTH_MODE=dev (local only): the user is the X-User-Id header.',
  });
  const docConfig = {
    openapi: '3.1.0',
    info: API_INFO,
    security: [{ user: [] }],
    tags: [
      { name: 'novels', description: 'Upload and list novels' },
      { name: 'jobs', description: 'Analysis jobs, progress and storyboards' },
    ],
  };
  app.doc31('/openapi.json', docConfig);

  let docsHtml: string | undefined;
  app.get('/docs', (c) => {
    docsHtml ??= renderDocsPage(
      app.getOpenAPI31Document(docConfig) as unknown as Record<string, unknown>,
      DOCS_INTRO(config.AUTH_MODE),
    );
    return c.html(docsHtml);
  });

  app.notFound((c) =>
    problemResponse(c, 404, HTTP_CODES.routeNotFound, `No route ${c.req.method} ${c.req.path}.`),
  );

  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      // Raised by Hono itself before any handler runs: bad JSON (400), wrong type (415).
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
  });

  return app;
}

/** Request id (API Gateway's on Lambda, a fresh one otherwise), echoed as `X-Request-Id`, and
 * one structured access-log line per request. Never logs bodies or query strings (titles). */
function requestContext(logger: Logger): MiddlewareHandler<ApiEnv> {
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

const DOCS_INTRO = (mode: AppConfig['AUTH_MODE']) => `
<h2>Authentication</h2>
<p>${
  mode === 'jwt'
    ? 'This deployment uses <code>AUTH_MODE=jwt</code>: send <code>Authorization: Bearer &lt;token&gt;</code>; API Gateway’s JWT authorizer verifies it and the user is its <code>sub</code>.'
    : 'This server uses <code>AUTH_MODE=dev</code> (local only): the user is the <code>X-User-Id</code> header.'
} A user only ever sees their own novels and jobs; anything else is 404.</p>
<h2>Errors</h2>
<p>Every error is <code>application/problem+json</code>: <code>{type, title, status, detail, code, instance, requestId, errors?}</code>.</p>
<table><tr><th>status</th><th>code</th><th>meaning</th></tr>${ERROR_TABLE.map(
  ({ status, codes, meaning }) =>
    `<tr><td>${status}</td><td><code>${escapeHtml(codes.join(', '))}</code></td><td>${escapeHtml(meaning)}</td></tr>`,
).join('')}</table>
<h2>Typical flow</h2>
<pre>POST /novels?title=My+Book   (text/plain body)      → 201 {id, …}
POST /novels/{id}/analyses                          → 202 {jobId, status, links}
GET  /jobs/{jobId}   (If-None-Match: &lt;ETag&gt;)        → 200 {status, progress, …} | 304
GET  /jobs/{jobId}/storyboard?limit=10              → 200 {storyboard, nextCursor}
GET  /jobs/{jobId}/storyboard?cursor=&lt;nextCursor&gt;  → next chapters</pre>`;
