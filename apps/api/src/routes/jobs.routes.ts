import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { CancelJob, GetJob, GetStoryboard, RetryJob } from '@storyboard/domain';
import type { ApiEnv } from '../http/api-env';
import { storyboardCursor } from '../http/cursor';
import { ifNoneMatchHits, jobEtag } from '../http/etag';
import { toJobAccepted, toJobView } from '../http/views';
import {
  COMMON_ERRORS,
  IdParamsSchema,
  JOB_STARTED_RESPONSES,
  JobSchema,
  StoryboardPageSchema,
  StoryboardQuerySchema,
  problem,
} from '../schemas';

/** Chapters per storyboard page when the client does not say. */
export const DEFAULT_CHAPTERS_PER_PAGE = 10;

const getJob = createRoute({
  operationId: 'getJob',
  method: 'get',
  path: '/jobs/{id}',
  tags: ['jobs'],
  summary: 'A job: status, progress, attempts, error, timestamps, backend',
  description:
    'Cheap to poll: the response carries an `ETag`; send it back as `If-None-Match` and an unchanged job answers 304 with no body.',
  request: {
    params: IdParamsSchema,
    headers: z.object({ 'if-none-match': z.string().max(1024).optional() }),
  },
  responses: {
    200: {
      description: 'The job',
      headers: z.object({ ETag: z.string() }),
      content: { 'application/json': { schema: JobSchema } },
    },
    304: { description: 'Unchanged since the ETag sent in If-None-Match' },
    ...COMMON_ERRORS,
    404: problem('No such job for this user'),
  },
});

const getStoryboard = createRoute({
  operationId: 'getStoryboard',
  method: 'get',
  path: '/jobs/{id}/storyboard',
  tags: ['jobs'],
  summary: 'The finished storyboard (schema v1), paged by chapter',
  description:
    'Each page holds up to `limit` chapters (default 10) with the whole character roster and stats. Pass `nextCursor` back as `cursor` for the next page; it is null on the last.',
  request: { params: IdParamsSchema, query: StoryboardQuerySchema },
  responses: {
    200: {
      description: 'One page of chapters',
      content: { 'application/json': { schema: StoryboardPageSchema } },
    },
    ...COMMON_ERRORS,
    404: problem('No such job for this user, or no storyboard yet (code STORYBOARD.NOT_FOUND)'),
  },
});

const cancelJob = createRoute({
  operationId: 'cancelJob',
  method: 'post',
  path: '/jobs/{id}/cancel',
  tags: ['jobs'],
  summary: 'Cancel a queued or running job',
  description: 'Steps in flight stop at their next write; saved chunks are kept for a retry.',
  request: { params: IdParamsSchema },
  responses: {
    200: {
      description: 'The cancelled job',
      content: { 'application/json': { schema: JobSchema } },
    },
    ...COMMON_ERRORS,
    404: problem('No such job for this user'),
    409: problem('The job has already ended'),
  },
});

const retryJob = createRoute({
  operationId: 'retryJob',
  method: 'post',
  path: '/jobs/{id}/retry',
  tags: ['jobs'],
  summary: 'Start a new attempt of a failed or cancelled job',
  description:
    'The attempt resumes from the chunks already saved. sync backend: 200 and the ended job.',
  request: { params: IdParamsSchema },
  responses: {
    ...JOB_STARTED_RESPONSES,
    ...COMMON_ERRORS,
    404: problem('No such job for this user'),
    409: problem('The job is queued, running or completed'),
  },
});

export interface JobUseCases {
  getJob: GetJob;
  getStoryboard: GetStoryboard;
  cancelJob: CancelJob;
  retryJob: RetryJob;
}

export function registerJobRoutes(app: OpenAPIHono<ApiEnv>, uc: JobUseCases): void {
  app.openapi(getJob, async (c) => {
    const jobId = c.req.valid('param').id;
    c.set('jobId', jobId);
    const job = await uc.getJob.execute({ ownerId: c.get('userId'), jobId });
    const etag = jobEtag(job);
    c.header('ETag', etag);
    c.header('Cache-Control', 'private, no-cache');
    if (ifNoneMatchHits(c.req.valid('header')['if-none-match'], etag)) return c.body(null, 304);
    return c.json(toJobView(job), 200);
  });

  app.openapi(getStoryboard, async (c) => {
    const jobId = c.req.valid('param').id;
    c.set('jobId', jobId);
    const { cursor, limit = DEFAULT_CHAPTERS_PER_PAGE } = c.req.valid('query');
    const afterChapter = cursor === undefined ? 0 : storyboardCursor.decode(jobId, cursor);
    const page = await uc.getStoryboard.execute({
      ownerId: c.get('userId'),
      jobId,
      afterChapter,
      limit,
    });
    const nextCursor =
      page.nextAfterChapter === undefined
        ? null
        : storyboardCursor.encode(jobId, page.nextAfterChapter);
    const self = `/jobs/${jobId}/storyboard?limit=${limit}`;
    return c.json(
      {
        storyboard: page.storyboard,
        nextCursor,
        links: {
          self: cursor ? `${self}&cursor=${cursor}` : self,
          next: nextCursor ? `${self}&cursor=${nextCursor}` : null,
        },
      },
      200,
    );
  });

  app.openapi(cancelJob, async (c) => {
    const jobId = c.req.valid('param').id;
    c.set('jobId', jobId);
    const job = await uc.cancelJob.execute({ ownerId: c.get('userId'), jobId });
    return c.json(toJobView(job), 200);
  });

  app.openapi(retryJob, async (c) => {
    const jobId = c.req.valid('param').id;
    c.set('jobId', jobId);
    const job = await uc.retryJob.execute({ ownerId: c.get('userId'), jobId });
    if (job.backend === 'sync') return c.json(toJobView(job), 200);
    c.header('Location', `/jobs/${job.id}`);
    return c.json(toJobAccepted(job), 202);
  });
}
