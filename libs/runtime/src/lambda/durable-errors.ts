import type { RetryDecision } from '@aws/durable-execution-sdk-js';
import { DurableOperationError, StepError } from '@aws/durable-execution-sdk-js';
import type { PipelineStep } from '@storyboard/domain';
import { DOMAIN_ERRORS, toDomainError } from '@storyboard/domain';
import * as z from 'zod';

export interface DurableRetryPolicy {
  /** Attempts per step, the first included. */
  maxAttempts: number;
  initialDelaySeconds: number;
  backoffRate: number;
  maxDelaySeconds: number;
}

/** What a failed step records in the checkpoint's `ErrorData`, so the domain code survives
 * replay and the child contexts of `context.map` (the SDK keeps only name and message). */
const ErrorDataSchema = z.object({
  name: z.string(),
  code: z.string(),
  message: z.string(),
  retryable: z.boolean(),
});
type StepErrorData = z.infer<typeof ErrorDataSchema>;

function parseErrorData(text: string | undefined): StepErrorData | undefined {
  if (!text?.startsWith('{')) return undefined;
  try {
    const parsed = ErrorDataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // not ours: the caller falls back to the error's own name and message
  }
}

/** Wraps whatever a JobSteps call threw as a StepError whose ErrorData carries the domain
 * error's name, code and retryable flag. */
export function toStepError(err: unknown): StepError {
  if (err instanceof StepError) return err;
  const domain = toDomainError(err);
  return new StepError(
    domain.message,
    domain,
    JSON.stringify({
      name: domain.name,
      code: domain.code,
      message: domain.message,
      retryable: domain.retryable,
    }),
  );
}

/** The domain error a step (or a map item, through its child context) failed with, read
 * from the live error or from the checkpointed ErrorData on replay. */
export function describeStepError(err: unknown): StepErrorData {
  for (let e: unknown = err; e instanceof Error; e = (e as Error).cause) {
    const data = e instanceof DurableOperationError ? parseErrorData(e.errorData) : undefined;
    if (data) return data;
  }
  const domain = toDomainError(err instanceof DurableOperationError ? (err.cause ?? err) : err);
  return {
    name: domain.name,
    code: domain.code,
    message: domain.message,
    retryable: domain.retryable,
  };
}

/**
 * The SDK retry strategy of one pipeline step: retry only the errors the step's `retryOn`
 * names (the list the Step Functions Retry uses, derived from the error classes), matched
 * by their stable `code` through `DOMAIN_ERRORS` (a class name may be minified in a bundle;
 * a code never is), with exponential backoff in whole seconds, `maxAttempts` in all.
 */
export function retryStrategyFor(
  step: PipelineStep,
  policy: DurableRetryPolicy,
): (error: Error, attempt: number) => RetryDecision {
  const registry: Readonly<Record<string, { code: string }>> = DOMAIN_ERRORS;
  const codes = new Set(step.retryOn.map((name) => registry[name]?.code));
  return (error, attempt) => {
    const { code } = describeStepError(error);
    if (!codes.has(code) || attempt >= policy.maxAttempts) {
      return { shouldRetry: false };
    }
    const seconds = Math.min(
      policy.maxDelaySeconds,
      Math.round(policy.initialDelaySeconds * policy.backoffRate ** (attempt - 1)),
    );
    return { shouldRetry: true, delay: { seconds: Math.max(1, seconds) } };
  };
}
