import { OpenAPIHono } from '@hono/zod-openapi';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { Container } from 'inversify';
import type { AppConfig, Logger } from '@storyboard/runtime';
import { TOKENS } from '@storyboard/runtime';
import { ListNovelJobs } from '@storyboard/domain';
import type { ApiEnv } from './http/api-env';
import { authenticate } from './http/auth';
import { HTTP_CODES, problemResponse } from './http/problem';
import { errorHandler, routeNotFound, validationProblem } from './http/error-handlers';
import { requestContext } from './http/request-context';
import type { BearerVerifier } from './http/jwt-verifier';
import { registerJobRoutes } from './routes/jobs.routes';
import { registerNovelRoutes } from './routes/novels.routes';
import { registerJobEventRoutes } from './routes/events.routes';
import { registerNovelJobRoutes } from './routes/novel-jobs.routes';
import type { JobChangeNotifier } from './sse/job-change-notifier';
import { renderDocsPage } from './docs/docs-page';
import { docsIntro } from './docs/docs-intro';
import { OPENAPI_CONFIG, registerSecurityScheme } from './openapi/openapi-config';

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
  const app = new OpenAPIHono<ApiEnv>({ defaultHook: validationProblem });

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

  registerSecurityScheme(app, config.AUTH_MODE);
  app.doc31('/openapi.json', OPENAPI_CONFIG);

  let docsHtml: string | undefined;
  app.get('/docs', (c) => {
    docsHtml ??= renderDocsPage(
      app.getOpenAPI31Document(OPENAPI_CONFIG) as unknown as Record<string, unknown>,
      docsIntro(config.AUTH_MODE),
    );
    return c.html(docsHtml);
  });

  app.notFound(routeNotFound);
  app.onError(errorHandler(logger));

  return app;
}
