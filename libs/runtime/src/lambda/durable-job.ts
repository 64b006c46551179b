import * as z from 'zod';
import type { DurableContext, DurableExecutionHandler } from '@aws/durable-execution-sdk-js';
import type { JobError, JobLeases, JobSteps, PipelineStep, StepName } from '@storyboard/domain';
import { FAIL_STEP, PIPELINE, ValidationError } from '@storyboard/domain';
import type { Logger } from '../logger';
import type { DurableRetryPolicy } from './durable-errors';
import { describeStepError, retryStrategyFor, toStepError } from './durable-errors';

/** What an execution is started with: ids only (ARCHITECTURE.md "payloads carry ids"). */
export const DurableJobEventSchema = z.object({ jobId: z.string().min(1) });
export type DurableJobEvent = z.infer<typeof DurableJobEventSchema>;

/** The execution's result (checkpointed by the SDK): ids and the job's final status only. */
export interface DurableJobResult {
  jobId: string;
  status: string;
}

export interface DurableJobHandlerDeps {
  steps: JobSteps;
  logger: Logger;
  /** Chunks analyzed at once by `context.map` (DURABLE_MAX_CONCURRENCY). */
  maxConcurrency: number;
  retry?: Partial<DurableRetryPolicy>;
  /** When given, the working steps hold the attempt's lease while they run (renewed on a
   * timer through a long chunk, e.g. an LLM call), as the other backends' runners do. */
  leases?: JobLeases;
}

const DEFAULT_RETRY: DurableRetryPolicy = {
  maxAttempts: 3,
  initialDelaySeconds: 2,
  backoffRate: 2,
  maxDelaySeconds: 60,
};

/**
 * The durable-functions backend: one execution per job attempt walks the domain's PIPELINE,
 * each step a checkpointed `context.step` calling the same JobSteps use case as the other
 * backends, and the per-chunk step a `context.map` over the chunk indexes. Retries follow
 * each step's `retryOn` names; a permanent error or exhausted retries runs `fail`, then the
 * execution fails too. A job that has ended meanwhile (cancelled) stops the execution
 * quietly. Replay re-runs this function; completed steps return their checkpointed results
 * and a step that had not checkpointed runs again (JobSteps are idempotent).
 */
export function createDurableJobHandler(
  deps: DurableJobHandlerDeps,
): DurableExecutionHandler<unknown, DurableJobResult> {
  const policy = { ...DEFAULT_RETRY, ...deps.retry };
  return async (event, context) => {
    const parsed = DurableJobEventSchema.safeParse(event);
    if (!parsed.success) {
      // No job to mark failed: the execution itself fails with the reason.
      throw new ValidationError(
        `Invalid durable job event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ')}. Start executions with {"jobId": "..."}.`,
      );
    }
    const { jobId } = parsed.data;
    try {
      let chunkCount = 0;
      let status = 'running';
      for (const step of PIPELINE) {
        if (step.perChunk) {
          await analyzeChunks(context, deps, step, policy, jobId, chunkCount);
        } else {
          const out = await context.step(step.name, () => run(deps, step.name, jobId), {
            retryStrategy: retryStrategyFor(step, policy),
          });
          chunkCount = out.chunkCount ?? chunkCount;
          status = out.status ?? status;
        }
      }
      deps.logger.info('job run ended', { jobId, status });
      return { jobId, status };
    } catch (err) {
      return failJob(context, deps, jobId, err);
    }
  };
}

type StepOutput = { chunkCount?: number; status?: string };

/** One non-chunk pipeline step as a JobSteps call; errors leave as StepErrors carrying the
 * domain code. The map is exhaustive over StepName, so a new step breaks the build here. */
async function run(
  { steps, leases }: DurableJobHandlerDeps,
  name: StepName,
  jobId: string,
): Promise<StepOutput> {
  const table: Record<StepName, () => Promise<StepOutput>> = {
    prepare: () => leased(leases, jobId, () => steps.prepare(jobId)),
    'analyze-chunk': () => {
      throw new Error('analyze-chunk runs per chunk, in context.map');
    },
    assemble: async () => {
      await leased(leases, jobId, () => steps.assemble(jobId));
      return {};
    },
    complete: async () => ({ status: (await steps.complete(jobId)).status }),
  };
  try {
    return await table[name]();
  } catch (err) {
    throw toStepError(err);
  }
}

async function analyzeChunks(
  context: DurableContext,
  deps: DurableJobHandlerDeps,
  step: PipelineStep,
  policy: DurableRetryPolicy,
  jobId: string,
  chunkCount: number,
): Promise<void> {
  const indexes = Array.from({ length: chunkCount }, (_, i) => i);
  const batch = await context.map(
    step.name,
    indexes,
    (item, chunkIndex) =>
      item.step(
        step.name,
        async () => {
          try {
            await leased(deps.leases, jobId, () => deps.steps.analyzeChunk(jobId, chunkIndex));
            return chunkIndex;
          } catch (err) {
            throw toStepError(err);
          }
        },
        { retryStrategy: retryStrategyFor(step, policy) },
      ),
    {
      maxConcurrency: deps.maxConcurrency,
      // The first chunk that fails for good ends the map: the job fails, no point going on.
      completionConfig: { toleratedFailureCount: 0 },
      itemNamer: (_, i) => `chunk-${i}`,
    },
  );
  batch.throwIfError();
}

/** Runs `fail` (a no-op on a job that has already ended) and ends the execution: quietly for
 * a job that ended elsewhere (cancelled), failed otherwise. */
async function failJob(
  context: DurableContext,
  deps: DurableJobHandlerDeps,
  jobId: string,
  err: unknown,
): Promise<DurableJobResult> {
  const { code, message, retryable } = describeStepError(err);
  const error: JobError = { code, message, retryable };
  const job = await context.step(FAIL_STEP, async () => {
    const failed = await deps.steps.fail(jobId, error);
    return { status: failed.status };
  });
  if (error.code === 'JOB.ENDED') {
    deps.logger.info('job ended elsewhere; execution stops', { jobId, status: job.status });
    return { jobId, status: job.status };
  }
  deps.logger.error('job failed', { jobId, code: error.code });
  throw err instanceof Error ? err : new Error(error.message);
}

/** `work` under the attempt's lease when leases are wired. */
function leased<T>(leases: JobLeases | undefined, jobId: string, work: () => Promise<T>) {
  return leases ? leases.hold(jobId, work) : work();
}
