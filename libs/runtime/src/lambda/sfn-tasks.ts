import * as z from 'zod';
import type { AnalysisJob, JobLeases, JobSteps } from '@storyboard/domain';
import { ValidationError, toDomainError } from '@storyboard/domain';
import type { Logger } from '../logger';

const JobInput = z.object({ jobId: z.string().min(1) });
const ChunkInput = z.object({
  jobId: z.string().min(1),
  chunkIndex: z.number().int().nonnegative(),
});
/** What a Catch puts under `error`: `{Error, Cause}`; Cause is often a JSON string. */
const FailInput = z.object({
  jobId: z.string().min(1),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

export type StepTaskName = 'prepare' | 'analyze-chunk' | 'assemble' | 'complete' | 'fail';
export type StepTaskHandler = (input: unknown) => Promise<unknown>;

function parse<T>(schema: z.ZodType<T>, input: unknown, task: StepTaskName): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'input'}: ${i.message}`)
      .join('; ');
    throw new ValidationError(`Invalid ${task} task input: ${detail}.`);
  }
  return parsed.data;
}

/**
 * One handler per pipeline step for Step Functions. Inputs are zod-checked; errors keep the
 * domain's class names (`error.name`), which is what the state machine's Retry and Catch
 * match on.
 */
export function createStepTaskHandlers(
  steps: JobSteps,
  logger: Logger,
  leases?: JobLeases,
): Record<StepTaskName, StepTaskHandler> {
  // The working steps hold the attempt's lease while they run (renewed on a timer through a
  // long chunk), so a dead execution is found by the sweeper like any other stalled attempt.
  // The job the lease read (or wrote) goes to the step, which then skips its own read.
  const leased = <T>(jobId: string, work: (job?: AnalysisJob) => Promise<T>): Promise<T> =>
    leases ? leases.hold(jobId, (_lease, job) => work(job)) : work();
  const handlers: Record<StepTaskName, StepTaskHandler> = {
    prepare: async (input) => {
      const { jobId } = parse(JobInput, input, 'prepare');
      const { chunkCount } = await leased(jobId, (job) => steps.prepare(jobId, { job }));
      logger.info('prepared', { jobId, chunkCount });
      return { jobId, chunkIndexes: Array.from({ length: chunkCount }, (_, i) => i) };
    },
    'analyze-chunk': async (input) => {
      const { jobId, chunkIndex } = parse(ChunkInput, input, 'analyze-chunk');
      await leased(jobId, (job) => steps.analyzeChunk(jobId, chunkIndex, job));
      return { jobId, chunkIndex };
    },
    assemble: async (input) => {
      const { jobId } = parse(JobInput, input, 'assemble');
      await leased(jobId, (job) => steps.assemble(jobId, job));
      return { jobId };
    },
    complete: async (input) => {
      const { jobId } = parse(JobInput, input, 'complete');
      const job = await steps.complete(jobId);
      return { jobId, status: job.status };
    },
    fail: async (input) => {
      const { jobId, error } = parse(FailInput, input, 'fail');
      const { code, message, retryable } = describeCause(error?.Error, error?.Cause);
      const job = await steps.fail(jobId, { code, message, retryable });
      logger.error('job failed', { jobId, code });
      return { jobId, status: job.status };
    },
  };
  return Object.fromEntries(
    Object.entries(handlers).map(([task, handler]) => [task, withErrorCause(handler)]),
  ) as Record<StepTaskName, StepTaskHandler>;
}

/** Rethrows any error as one whose `name` is the domain error's class name (what Retry and
 * Catch match) and whose message is `{code, message, retryable}` as JSON, so the `fail`
 * task can record the code from the Catch's Cause. */
function withErrorCause(handler: StepTaskHandler): StepTaskHandler {
  return async (input) => {
    try {
      return await handler(input);
    } catch (err) {
      const domain = toDomainError(err);
      const wire = new Error(
        JSON.stringify({ code: domain.code, message: domain.message, retryable: domain.retryable }),
        { cause: err },
      );
      wire.name = domain.name;
      throw wire;
    }
  };
}

/** Recovers the domain error's code and message from a Catch's `{Error, Cause}`. */
function describeCause(
  name = 'UnknownError',
  cause = '',
): { code: string; message: string; retryable: boolean } {
  let message = cause;
  let code: string | undefined;
  let retryable = false;
  // On AWS the Cause is Lambda's `{errorType, errorMessage}` with our JSON inside
  // errorMessage; locally it is our JSON itself; anything else is plain text.
  const outer = parseJson(cause);
  const inner = typeof outer?.errorMessage === 'string' ? parseJson(outer.errorMessage) : outer;
  if (inner && typeof inner.code === 'string') {
    code = inner.code;
    message = typeof inner.message === 'string' ? inner.message : message;
    retryable = inner.retryable === true;
  } else if (typeof outer?.errorMessage === 'string') {
    message = outer.errorMessage;
  }
  return { code: code ?? name, message: message || name, retryable };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // not JSON after all: the caller keeps the text as the message
  }
}
