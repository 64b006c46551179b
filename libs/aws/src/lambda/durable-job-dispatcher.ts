import type { LambdaClient } from '@aws-sdk/client-lambda';
import {
  InvokeCommand,
  ListDurableExecutionsByFunctionCommand,
  StopDurableExecutionCommand,
} from '@aws-sdk/client-lambda';
import type { JobDispatcher } from '@storyboard/domain';
import { DispatchFailedError, ValidationError } from '@storyboard/domain';
import { awsErrorName, describeAwsError } from '../shared/aws-errors';

export interface DurableJobDispatcherOptions {
  client: LambdaClient;
  /** The durable function's qualified ARN (`…:function:name:alias` or `:version`): durable
   * functions are invoked on a version or alias, never `$LATEST`. */
  functionArn: string;
}

/** Our own bound on execution names (the SDK's types state no pattern): job ids are UUIDs,
 * so `{jobId}-{attempt}` is ~40 characters of this set. */
const EXECUTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** The execution of a job attempt is named `{jobId}-{attempt}`, as on Step Functions; the
 * sweeper's n-th re-dispatch of a stalled attempt is `{jobId}-{attempt}-r{n}`: an
 * execution's name is taken for good (even once it has ended), so a resumed run needs its own. */
export const durableExecutionName = (
  jobId: string,
  attempt: number,
  redispatch?: number,
): string => (redispatch ? `${jobId}-${attempt}-r${redispatch}` : `${jobId}-${attempt}`);

/** A qualified Lambda function ARN: the 8th field is the version or alias. */
const QUALIFIED_ARN =
  /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+:[A-Za-z0-9$_-]+$/;

/**
 * Starts one Lambda durable execution per job attempt: an event invocation (`Invoke`,
 * `InvocationType: Event`) of the qualified function with payload `{jobId}` and
 * `DurableExecutionName` `{jobId}-{attempt}`. The service makes that start idempotent: a
 * second invoke with the same name and payload returns the existing execution instead of
 * starting another; a different payload under the name is
 * `DurableExecutionAlreadyStartedException`, taken here as "already started". Other failures
 * are `DispatchFailedError` (retryable). The sweeper's re-dispatch of a stalled attempt leaves
 * an earlier execution of the attempt that is still RUNNING to the service (which re-invokes
 * and replays it, so two never work on one job); when none is, it starts
 * `{jobId}-{attempt}-r{n}`, which resumes from the saved chunks. A RUNNING execution that
 * never moves again ends the job through MAX_STALLS (`JOB.STALLED`).
 */
export class DurableJobDispatcher implements JobDispatcher {
  readonly backend = 'durable' as const;
  private readonly client: LambdaClient;
  private readonly functionArn: string;

  constructor(options: DurableJobDispatcherOptions) {
    if (!QUALIFIED_ARN.test(options.functionArn) || options.functionArn.endsWith(':$LATEST')) {
      throw new ValidationError(
        `"${options.functionArn}" is not a qualified Lambda function ARN: durable executions start on a version or alias (…:function:name:live).`,
      );
    }
    this.client = options.client;
    this.functionArn = options.functionArn;
  }

  async dispatch(job: { jobId: string; attempt: number; redispatch?: number }): Promise<void> {
    const name = this.nameOf(job);
    if (job.redispatch) {
      const earlier = Array.from({ length: job.redispatch }, (_, r) =>
        this.nameOf({ ...job, redispatch: r }),
      );
      for (const stale of earlier) {
        // The service drives a RUNNING execution (it re-invokes after a dead invocation and
        // replays its checkpoints): leave it to finish rather than start a second one.
        if ((await this.runningNamed(stale, job.jobId)).length > 0) return;
      }
    }
    try {
      await this.client.send(
        new InvokeCommand({
          FunctionName: this.functionArn,
          InvocationType: 'Event',
          DurableExecutionName: name,
          Payload: new TextEncoder().encode(JSON.stringify({ jobId: job.jobId })),
        }),
      );
    } catch (err) {
      if (awsErrorName(err) === 'DurableExecutionAlreadyStartedException') return;
      throw new DispatchFailedError(
        `Could not start the durable execution of job ${job.jobId}: ${describeAwsError(err)}`,
        { cause: err },
      );
    }
  }

  /**
   * Stops the job attempt's execution if it is still running (`StopDurableExecution`, found
   * by name). Returns whether one was stopped. The job's own status is the caller's business:
   * a cancelled job's steps refuse to continue whether or not the execution is stopped.
   */
  async stop(job: { jobId: string; attempt: number }, reason: string): Promise<boolean> {
    return this.stopNamed(this.nameOf(job), reason, job.jobId, 'JobCancelled');
  }

  private async stopNamed(
    name: string,
    reason: string,
    jobId: string,
    errorType: string,
  ): Promise<boolean> {
    const running = await this.runningNamed(name, jobId);
    try {
      let stopped = false;
      for (const arn of running) {
        try {
          await this.client.send(
            new StopDurableExecutionCommand({
              DurableExecutionArn: arn,
              Error: { ErrorType: errorType, ErrorMessage: reason },
            }),
          );
          stopped = true;
        } catch (err) {
          // It ended between the list and the stop: nothing left to stop.
          if (awsErrorName(err) !== 'ResourceNotFoundException') throw err;
        }
      }
      return stopped;
    } catch (err) {
      throw new DispatchFailedError(
        `Could not stop the durable execution of job ${jobId}: ${describeAwsError(err)}`,
        { cause: err },
      );
    }
  }

  /** The ARNs of the executions named `name` that are RUNNING. */
  private async runningNamed(name: string, jobId: string): Promise<string[]> {
    try {
      const { DurableExecutions = [] } = await this.client.send(
        new ListDurableExecutionsByFunctionCommand({
          FunctionName: this.functionArn,
          DurableExecutionName: name,
          Statuses: ['RUNNING'],
        }),
      );
      return DurableExecutions.flatMap((e) =>
        e.DurableExecutionArn ? [e.DurableExecutionArn] : [],
      );
    } catch (err) {
      throw new DispatchFailedError(
        `Could not list the durable executions of job ${jobId}: ${describeAwsError(err)}`,
        { cause: err },
      );
    }
  }

  private nameOf(job: { jobId: string; attempt: number; redispatch?: number }): string {
    const name = durableExecutionName(job.jobId, job.attempt, job.redispatch);
    if (!EXECUTION_NAME.test(name)) {
      throw new ValidationError(`"${name}" cannot name a durable execution.`);
    }
    return name;
  }
}
