import type { SFNClient } from '@aws-sdk/client-sfn';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { JobDispatcher } from '@storyboard/domain';
import { DispatchFailedError, ValidationError } from '@storyboard/domain';
import { awsErrorName, describeAwsError } from '../shared/aws-errors';

export interface StepFunctionsJobDispatcherOptions {
  client: SFNClient;
  stateMachineArn: string;
}

/** Step Functions execution names: 1–80 characters of this set (ASCII only, for logs). */
const EXECUTION_NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** The execution of a job attempt is named `{jobId}-{attempt}`: unique per attempt, so a
 * retried job gets a new execution and a repeated submit of one attempt does not. The
 * sweeper's n-th re-dispatch of a stalled attempt is `{jobId}-{attempt}-r{n}`: the dead
 * execution keeps its name, the resumed one gets its own (once per re-dispatch). */
export const executionName = (jobId: string, attempt: number, redispatch?: number): string =>
  redispatch ? `${jobId}-${attempt}-r${redispatch}` : `${jobId}-${attempt}`;

/**
 * Starts one Standard execution per job attempt with input `{jobId}`. A second dispatch of the
 * same attempt is a no-op: Step Functions answers a same-name, same-input start of a running
 * execution with that execution, and `ExecutionAlreadyExists` (closed, or other input) is
 * taken as "already started". Other failures are `DispatchFailedError` (retryable).
 */
export class StepFunctionsJobDispatcher implements JobDispatcher {
  readonly backend = 'stepfunctions' as const;
  private readonly client: SFNClient;
  private readonly stateMachineArn: string;

  constructor(options: StepFunctionsJobDispatcherOptions) {
    this.client = options.client;
    this.stateMachineArn = options.stateMachineArn;
  }

  async dispatch(job: { jobId: string; attempt: number; redispatch?: number }): Promise<void> {
    const name = executionName(job.jobId, job.attempt, job.redispatch);
    if (!EXECUTION_NAME.test(name)) {
      throw new ValidationError(`"${name}" cannot name a Step Functions execution.`);
    }
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify({ jobId: job.jobId }),
        }),
      );
    } catch (err) {
      if (awsErrorName(err) === 'ExecutionAlreadyExists') return;
      throw new DispatchFailedError(
        `Could not start the execution of job ${job.jobId}: ${describeAwsError(err)}`,
        { cause: err },
      );
    }
  }
}
