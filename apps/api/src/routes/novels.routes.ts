import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type {
  CreateNovelUpload,
  GetNovel,
  ListNovels,
  RequestAnalysis,
  SubmitNovel,
} from '@storyboard/domain';
import type { ApiEnv } from '../http/api-env';
import { novelCursor } from '../http/cursor';
import { ApiProblem, HTTP_CODES, problemResponse } from '../http/problem';
import { toJobAccepted, toJobView, toNovelView } from '../http/views';
import {
  AnalysisRequestSchema,
  COMMON_ERRORS,
  CreateUploadBodySchema,
  IdParamsSchema,
  JOB_STARTED_RESPONSES,
  ListQuerySchema,
  NovelListSchema,
  NovelSchema,
  NovelUploadSchema,
  SubmitQuerySchema,
  problem,
} from '../schemas';

/** Inline novels stay under Lambda's 6 MB request payload limit. */
export const MAX_INLINE_BYTES = 5 * 1024 * 1024;

const submitNovel = createRoute({
  operationId: 'submitNovel',
  method: 'post',
  path: '/novels',
  tags: ['novels'],
  summary: 'Upload a novel inline, or ask for an upload URL',
  description:
    'A `text/plain` body (any encoding the engine reads: UTF-8, UTF-16, GB18030/GBK, Big5…, at most 5 MB) stores the novel, titled by `?title=` or else by the title the text states (a `Title:` line, a first line in `《…》`, or a short first line standing alone or above a byline). A JSON body `{title, sizeBytes}` registers a bigger novel and returns a presigned S3 PUT URL; the novel becomes usable once the bytes are uploaded.',
  middleware: [
    bodyLimit({
      maxSize: MAX_INLINE_BYTES,
      onError: (c) =>
        problemResponse(
          c,
          413,
          HTTP_CODES.bodyTooLarge,
          `Inline novels are at most ${MAX_INLINE_BYTES} bytes: POST {title, sizeBytes} as JSON for an upload URL instead.`,
        ),
    }),
  ] as const,
  request: {
    query: SubmitQuerySchema,
    body: {
      description: 'The novel text, or the upload request',
      content: {
        'text/plain': { schema: z.string().openapi({ format: 'binary' }) },
        'application/json': { schema: CreateUploadBodySchema },
      },
    },
  },
  responses: {
    201: {
      description: 'Stored (text/plain: the novel) or registered (JSON: novel and upload URL)',
      content: { 'application/json': { schema: z.union([NovelSchema, NovelUploadSchema]) } },
    },
    ...COMMON_ERRORS,
    413: problem('Body over 5 MB, or sizeBytes over MAX_NOVEL_BYTES'),
    415: problem('Content-Type is neither text/plain nor application/json'),
    422: problem('The bytes are not text the engine can read'),
    501: problem('Direct uploads need S3 storage (JSON body only)'),
  },
});

const listNovels = createRoute({
  operationId: 'listNovels',
  method: 'get',
  path: '/novels',
  tags: ['novels'],
  summary: 'Your novels, newest first',
  description:
    'Pages of at most `limit` novels (default 20). Pass `nextCursor` back as `cursor` for the next page; it is null on the last.',
  request: { query: ListQuerySchema },
  responses: {
    200: {
      description: 'One page; pass `nextCursor` back as `cursor` for the next',
      content: { 'application/json': { schema: NovelListSchema } },
    },
    ...COMMON_ERRORS,
  },
});

const getNovel = createRoute({
  operationId: 'getNovel',
  method: 'get',
  path: '/novels/{id}',
  tags: ['novels'],
  summary: 'One novel',
  description:
    'Its title, language, size, upload status and latest job id. Another user’s novel is 404, as a missing one.',
  request: { params: IdParamsSchema },
  responses: {
    200: { description: 'The novel', content: { 'application/json': { schema: NovelSchema } } },
    ...COMMON_ERRORS,
    404: problem('No such novel for this user'),
  },
});

const requestAnalysis = createRoute({
  operationId: 'requestAnalysis',
  method: 'post',
  path: '/novels/{id}/analyses',
  tags: ['jobs'],
  summary: 'Start a storyboard analysis job',
  description:
    'Asynchronous backends (sqs, stepfunctions, durable) answer 202 with the job id and links: poll `GET /jobs/{id}`. The sync backend runs the job inside the request and answers 200 with the ended job, or 413 when the text is longer than SYNC_MAX_CHARS. An optional JSON body `{"backend": …}` picks one of the deployment’s enabled backends (ENABLED_BACKENDS) for this job; 400 `JOB.BACKEND_NOT_ENABLED` names the enabled ones.',
  request: {
    params: IdParamsSchema,
    body: {
      required: false,
      content: {
        'application/json': { schema: AnalysisRequestSchema },
        // Clients that send `Content-Type: text/plain` with no body keep working (default backend).
        'text/plain': { schema: z.string().max(0).openapi({ description: 'empty' }) },
      },
    },
  },
  responses: {
    ...JOB_STARTED_RESPONSES,
    ...COMMON_ERRORS,
    404: problem('No such novel for this user'),
    409: problem('The novel is awaiting its upload'),
    413: problem('sync backend: the text exceeds SYNC_MAX_CHARS (use an async backend)'),
    422: problem('The uploaded bytes are not text the engine can read'),
  },
});

export interface NovelUseCases {
  submitNovel: SubmitNovel;
  createNovelUpload: CreateNovelUpload;
  listNovels: ListNovels;
  getNovel: GetNovel;
  requestAnalysis: RequestAnalysis;
}

export function registerNovelRoutes(app: OpenAPIHono<ApiEnv>, uc: NovelUseCases): void {
  app.openapi(submitNovel, async (c) => {
    const ownerId = c.get('userId');
    const body = c.req.valid('json');
    if (typeof body === 'object' && isJson(c.req.header('content-type'))) {
      const upload = await uc.createNovelUpload.execute({ ownerId, ...body });
      c.header('Location', `/novels/${upload.novel.id}`);
      return c.json(
        {
          novel: toNovelView(upload.novel),
          upload: {
            url: upload.uploadUrl,
            method: 'PUT' as const,
            headers: { 'Content-Length': String(upload.novel.sizeBytes) },
            expiresInSeconds: upload.expiresInSeconds,
          },
        },
        201,
      );
    }
    // text/plain (the media-type gate refused anything else that has a body).
    const title = c.req.valid('query').title?.trim();
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength === 0) {
      throw new ApiProblem(
        400,
        HTTP_CODES.emptyBody,
        'The body is empty: send the novel as text/plain, or JSON {title, sizeBytes}.',
      );
    }
    // Without ?title= the title the text states is used (as the CLI does); a text stating
    // none is a 400 that asks for ?title=.
    const novel = await uc.submitNovel.execute({ ownerId, title, bytes });
    c.header('Location', `/novels/${novel.id}`);
    return c.json(toNovelView(novel), 201);
  });

  app.openapi(listNovels, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const userId = c.get('userId');
    const page = await uc.listNovels.execute({
      ownerId: userId,
      limit,
      cursor: cursor === undefined ? undefined : novelCursor.decode(userId, cursor),
    });
    return c.json(
      {
        items: page.items.map(toNovelView),
        nextCursor: page.nextCursor ? novelCursor.encode(userId, page.nextCursor) : null,
      },
      200,
    );
  });

  app.openapi(getNovel, async (c) => {
    const novel = await uc.getNovel.execute({
      ownerId: c.get('userId'),
      novelId: c.req.valid('param').id,
    });
    return c.json(toNovelView(novel), 200);
  });

  app.openapi(requestAnalysis, async (c) => {
    const body = c.req.valid('json') as { backend?: string } | undefined;
    const job = await uc.requestAnalysis.execute({
      ownerId: c.get('userId'),
      novelId: c.req.valid('param').id,
      backend: body?.backend,
    });
    c.set('jobId', job.id);
    if (job.backend === 'sync') return c.json(toJobView(job), 200);
    c.header('Location', `/jobs/${job.id}`);
    return c.json(toJobAccepted(job), 202);
  });
}

const isJson = (type: string | undefined) => !!type && /^application\/([\w.-]+\+)?json/i.test(type);
