import type { PipelineStep, StepName } from '@storyboard/domain';
import { FAIL_STEP, PIPELINE, RETRYABLE_ERROR_NAMES } from '@storyboard/domain';

/** A task the state machine calls: a pipeline step or the failure handler. */
export type TaskName = StepName | typeof FAIL_STEP;

export interface RetryPolicy {
  /** Seconds before the first retry. */
  intervalSeconds: number;
  /** Retries after the first attempt (AWS `MaxAttempts`). */
  maxAttempts: number;
  /** Multiplier of the interval per retry (≥ 1). */
  backoffRate: number;
  /** Cap on one wait, seconds. */
  maxDelaySeconds?: number;
}

export interface StateMachineDefinitionOptions {
  /** The Resource of each task: a Lambda function ARN on AWS (direct integration, so the
   * state's input is the event and the function's return value the result), any unique
   * string locally. */
  taskResource: (task: TaskName) => string;
  /** The steps to generate states for (default: the domain's `PIPELINE`; tests pass one with
   * an extra step to show that every step reaches the state machine). */
  pipeline?: readonly PipelineStep<string>[];
  /** Chunks analyzed at once by the Map state. */
  maxConcurrency: number;
  retry: RetryPolicy;
  /** Per-task timeout (AWS `TimeoutSeconds`); none by default. */
  taskTimeoutSeconds?: number;
  comment?: string;
}

/** Amazon States Language, as much of it as this generator writes. */
export type AslState = Record<string, unknown> & { Type: string };
export interface AslDefinition {
  Comment?: string;
  StartAt: string;
  States: Record<string, AslState>;
}

export const MARK_FAILED_STATE = 'MarkFailed';
export const FAILED_STATE = 'Failed';

/** Errors of the Lambda service itself, or of the execution environment rather than our
 * code: `Runtime.ExitError` is the function's process dying mid-invocation (killed, out of
 * memory, host failure). Always worth a retry on AWS: the task resumes from saved chunks. */
const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Runtime.ExitError',
];

/** `analyze-chunk` → `AnalyzeChunk`. */
export function taskStateName(task: string): string {
  return task
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** The Map state that runs a per-chunk step: `analyze-chunk` → `AnalyzeChunks`. */
export const mapStateName = (step: string): string => `${taskStateName(step)}s`;

const stateNameOf = (step: PipelineStep<string>): string =>
  step.perChunk ? mapStateName(step.name) : taskStateName(step.name);

/**
 * The Step Functions definition of the job, generated from the domain's PIPELINE so that a
 * new step changes every backend at once.
 *
 * Data flow (payloads carry ids only):
 * - the execution input is `{jobId}`; every task is given `{jobId}` (`Parameters`);
 * - the result of a step followed by a per-chunk step becomes the state: it must be
 *   `{jobId, chunkIndexes: number[]}` (the `prepare` task returns that); other results are
 *   dropped (`ResultPath: null`) so the state stays small;
 * - a per-chunk step is a Map over `$.chunkIndexes` whose iterations get
 *   `{jobId, chunkIndex}`, at most `maxConcurrency` at a time;
 * - each task retries on its step's `retryOn` error names (and on Lambda service errors) with
 *   backoff; anything else, or exhausted retries, is caught into `$.error` (`{Error, Cause}`)
 *   and goes to `MarkFailed`, which calls the `fail` task with `{jobId, error}` and then
 *   ends in the `Failed` state carrying the original error name and cause.
 */
export function buildStateMachineDefinition(options: StateMachineDefinitionOptions): AslDefinition {
  const retry = (errorNames: readonly string[]): AslState['Retry'] => [
    {
      ErrorEquals: [...errorNames],
      IntervalSeconds: options.retry.intervalSeconds,
      MaxAttempts: options.retry.maxAttempts,
      BackoffRate: options.retry.backoffRate,
      ...(options.retry.maxDelaySeconds === undefined
        ? {}
        : { MaxDelaySeconds: options.retry.maxDelaySeconds }),
    },
    {
      ErrorEquals: LAMBDA_SERVICE_ERRORS,
      IntervalSeconds: options.retry.intervalSeconds,
      MaxAttempts: options.retry.maxAttempts,
      BackoffRate: options.retry.backoffRate,
    },
  ];
  const timeout =
    options.taskTimeoutSeconds === undefined ? {} : { TimeoutSeconds: options.taskTimeoutSeconds };
  const catchToMarkFailed = [
    { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: MARK_FAILED_STATE },
  ];

  const pipeline = options.pipeline ?? PIPELINE;
  const first = pipeline[0];
  if (!first) throw new Error('The pipeline has no steps.');
  const states: Record<string, AslState> = {};

  pipeline.forEach((step, i) => {
    const next = pipeline[i + 1];
    const transition = next ? { Next: stateNameOf(next) } : { End: true };
    if (step.perChunk) {
      states[mapStateName(step.name)] = {
        Type: 'Map',
        ItemsPath: '$.chunkIndexes',
        ItemSelector: { 'jobId.$': '$.jobId', 'chunkIndex.$': '$$.Map.Item.Value' },
        MaxConcurrency: options.maxConcurrency,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: taskStateName(step.name),
          States: {
            [taskStateName(step.name)]: {
              Type: 'Task',
              Resource: options.taskResource(step.name as TaskName),
              ...timeout,
              ResultPath: null,
              Retry: retry(step.retryOn),
              End: true,
            },
          },
        },
        ResultPath: null,
        Catch: catchToMarkFailed,
        ...transition,
      };
    } else {
      states[taskStateName(step.name)] = {
        Type: 'Task',
        Resource: options.taskResource(step.name as TaskName),
        Parameters: { 'jobId.$': '$.jobId' },
        ...timeout,
        // Before a Map the result replaces the state (ResultPath omitted: the default `$`;
        // aws-local-stepfunctions 3.0 mishandles an explicit `"ResultPath": "$"`).
        ...(next?.perChunk ? {} : { ResultPath: null }),
        Retry: retry(step.retryOn),
        Catch: catchToMarkFailed,
        ...transition,
      };
    }
  });

  states[MARK_FAILED_STATE] = {
    Type: 'Task',
    Resource: options.taskResource(FAIL_STEP),
    Parameters: { 'jobId.$': '$.jobId', 'error.$': '$.error' },
    ...timeout,
    ResultPath: null,
    Retry: retry(RETRYABLE_ERROR_NAMES),
    Next: FAILED_STATE,
  };
  states[FAILED_STATE] = { Type: 'Fail', ErrorPath: '$.error.Error', CausePath: '$.error.Cause' };

  return {
    Comment: options.comment ?? 'Storyboard analysis job, generated from the domain PIPELINE.',
    StartAt: stateNameOf(first),
    States: states,
  };
}
