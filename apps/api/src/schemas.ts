import { z } from '@hono/zod-openapi';
import {
  EXECUTION_BACKENDS,
  JOB_STATUSES,
  LanguageSchema,
  StoryboardSchema,
} from '@storyboard/domain';

/** Wire shapes of the API: the OpenAPI document is generated from these. */

export const IdSchema = z.uuid({ message: 'must be an id this API returned (a UUID)' }).openapi({
  example: '0b7e4c1e-5f0c-4a5e-9d56-3f1f1d6b2a11',
});

export const IdParamsSchema = z.object({
  id: IdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: 'urn:storyboard:problem:job.not_found' }),
    title: z.string().openapi({ example: 'Not Found' }),
    status: z.number().int().openapi({ example: 404 }),
    detail: z.string(),
    code: z
      .string()
      .openapi({ description: 'Stable machine-readable code', example: 'JOB.NOT_FOUND' }),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'Validation issues (400 only)' }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details (application/problem+json)' });

export const NovelSchema = z
  .object({
    id: IdSchema,
    title: z.string(),
    status: z.enum(['awaiting-upload', 'ready']),
    language: LanguageSchema.nullable(),
    encoding: z.string().nullable(),
    sizeBytes: z.number().int(),
    length: z.number().int().nullable().openapi({ description: 'UTF-16 length of the text' }),
    createdAt: z.string(),
    latestJobId: z.string().nullable(),
    links: z.object({ self: z.string(), analyses: z.string() }),
  })
  .openapi('Novel');

export const NovelListSchema = z
  .object({ items: z.array(NovelSchema), nextCursor: z.string().nullable() })
  .openapi('NovelList');

export const CreateUploadBodySchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    sizeBytes: z.number().int().positive(),
  })
  .openapi('CreateNovelUpload');

export const NovelUploadSchema = z
  .object({
    novel: NovelSchema,
    upload: z.object({
      url: z.string(),
      method: z.literal('PUT'),
      headers: z.record(z.string(), z.string()),
      expiresInSeconds: z.number().int(),
    }),
  })
  .openapi('NovelUpload');

export const JobLinksSchema = z.object({
  self: z.string(),
  novel: z.string(),
  storyboard: z.string(),
  cancel: z.string(),
  retry: z.string(),
});

export const JobSchema = z
  .object({
    id: IdSchema,
    novelId: IdSchema,
    status: z.enum(JOB_STATUSES),
    backend: z.enum(EXECUTION_BACKENDS),
    generator: z.string(),
    progress: z.object({
      percentage: z.number().min(0).max(100),
      stage: z.enum(['queued', 'prepare', 'analyze-chunk', 'assemble', 'complete']),
      chunksDone: z.number().int(),
      chunksTotal: z.number().int(),
    }),
    attempts: z.number().int(),
    usage: z
      .object({
        promptTokens: z.number().int(),
        completionTokens: z.number().int(),
        estimatedCostUsd: z.number().optional().openapi({
          description: 'estimate from the price table in libs/llm (dated, sourced entries)',
        }),
      })
      .optional()
      .openapi({ description: 'tokens the LLM generator spent (absent for the heuristic)' }),
    error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    links: JobLinksSchema,
  })
  .openapi('Job');

export const JobAcceptedSchema = z
  .object({ jobId: IdSchema, status: z.enum(JOB_STATUSES), links: JobLinksSchema })
  .openapi('JobAccepted');

/** What starting a job answers (a new analysis or a retry): 202 on the asynchronous
 * backends, 200 with the ended job on `sync`. */
export const JOB_STARTED_RESPONSES = {
  200: {
    description: 'sync backend: the job, ended',
    content: { 'application/json': { schema: JobSchema } },
  },
  202: {
    description: 'Queued; `Location` is the job',
    content: { 'application/json': { schema: JobAcceptedSchema } },
  },
};

export const StoryboardPageSchema = z
  .object({
    // The domain's schema is built before @hono/zod-openapi extends zod, so it has no
    // `.openapi()`; zod's own `.meta({ id })` names the component just the same.
    storyboard: StoryboardSchema.meta({
      id: 'Storyboard',
      description: 'Storyboard schema v1 with only this page’s chapters',
    }),
    nextCursor: z.string().nullable(),
    links: z.object({ self: z.string(), next: z.string().nullable() }),
  })
  .openapi('StoryboardPage');

/** A page size in decimal digits only (`z.coerce` would also take `1e1`, `0x10`, ` 5`). */
const limitParam = (description: string, example: number) =>
  z
    .string()
    .regex(/^[0-9]{1,3}$/, { message: 'must be a whole number from 1 to 100, in decimal digits' })
    .transform(Number)
    .pipe(z.number().int().min(1).max(100))
    .optional()
    .openapi({ description, example, type: 'integer' });

export const ListQuerySchema = z.object({
  limit: limitParam('Items per page (default 20)', 20),
  cursor: z.string().min(1).max(2048).optional(),
});

export const StoryboardQuerySchema = z.object({
  limit: limitParam('Chapters per page (default 10)', 10),
  cursor: z.string().min(1).max(512).optional(),
});

export const SubmitQuerySchema = z.object({
  title: z.string().max(300).optional().openapi({
    description:
      'The novel’s title (text/plain body). Optional: without it the title the text states is used; a text that states none is refused (400)',
    example: 'The Lighthouse Keeper',
  }),
});

/** `POST /novels/{id}/analyses`' optional body. The name is checked against the
 * deployment's enabled backends by the use case (400 `JOB.BACKEND_NOT_ENABLED` lists them). */
export const AnalysisRequestSchema = z
  .object({
    backend: z
      .string()
      .min(1)
      .max(40)
      .optional()
      .openapi({
        description:
          'Run this job on one of the enabled backends (ENABLED_BACKENDS); default: EXECUTION_BACKEND',
        enum: [...EXECUTION_BACKENDS],
        example: 'sqs',
      }),
  })
  .strict()
  .openapi('AnalysisRequest');

/** Error responses every authenticated route can give. */
export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export const COMMON_ERRORS = {
  400: problem('Invalid input (the issues are in `errors`)'),
  401: problem('No authenticated user'),
  500: problem('Unexpected error (generic message)'),
  503: problem('A dependency is briefly unavailable; retry'),
} as const;
