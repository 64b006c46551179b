import * as z from 'zod';
import type { AnalysisJob } from './analysis-job';
import { EXECUTION_BACKENDS, JOB_STATUSES } from './analysis-job';
import { UsageSchema } from '../storyboard/storyboard.schema';

/** ISO 8601 times as the clock writes them (not re-validated: the clock is trusted). */
const isoTime = z.string().min(1);

/** A job as stored: adapters parse what they read with it, so a corrupt row is an error
 * (`StorageCorruptError`) instead of a half-typed object. Unknown attributes (table keys)
 * are dropped. */
export const AnalysisJobSchema: z.ZodType<AnalysisJob> = z.object({
  id: z.string().min(1),
  novelId: z.string().min(1),
  ownerId: z.string().min(1),
  status: z.enum(JOB_STATUSES),
  backend: z.enum(EXECUTION_BACKENDS),
  generator: z.string(),
  progress: z.object({
    percentage: z.number().min(0).max(100),
    stage: z.enum(['queued', 'prepare', 'analyze-chunk', 'assemble', 'complete']),
    chunksDone: z.number().int().nonnegative(),
    chunksTotal: z.number().int().nonnegative(),
  }),
  attempts: z.number().int().positive(),
  error: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).nullable(),
  usage: UsageSchema.optional(),
  createdAt: isoTime,
  updatedAt: isoTime,
  startedAt: isoTime.nullable(),
  finishedAt: isoTime.nullable(),
  version: z.number().int().nonnegative(),
  leaseOwner: z.string().min(1).optional(),
  leaseUntil: isoTime.optional(),
  stalls: z.number().int().nonnegative().optional(),
  stallsInARow: z.number().int().nonnegative().optional(),
  stallMark: z.string().min(1).optional(),
});
