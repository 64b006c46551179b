import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ListNovelJobs } from '@storyboard/domain';
import type { ApiEnv } from '../http/api-env';
import { toJobView } from '../http/views';
import { COMMON_ERRORS, IdParamsSchema, JobSchema, problem } from '../schemas';

const listNovelJobs = createRoute({
  operationId: 'listNovelJobs',
  method: 'get',
  path: '/novels/{id}/jobs',
  tags: ['novels'],
  summary: 'A novel’s analysis jobs, newest first',
  description: 'Every attempt history a dashboard shows: status, backend, generator, attempts.',
  request: { params: IdParamsSchema },
  responses: {
    200: {
      description: 'The jobs',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(JobSchema) }).openapi('JobList'),
        },
      },
    },
    ...COMMON_ERRORS,
    404: problem('No such novel for this user'),
  },
});

export function registerNovelJobRoutes(
  app: OpenAPIHono<ApiEnv>,
  uc: { listNovelJobs: ListNovelJobs },
): void {
  app.openapi(listNovelJobs, async (c) => {
    const jobs = await uc.listNovelJobs.execute({
      ownerId: c.get('userId'),
      novelId: c.req.valid('param').id,
    });
    return c.json({ items: jobs.map(toJobView) }, 200);
  });
}
