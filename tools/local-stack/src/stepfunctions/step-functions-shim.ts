import { createServer } from 'node:http';
import { closeServer, endpointOf, listen } from '../emulators/http-server';
import { serveAwsJson } from './aws-json-protocol';
import type { TaskHandler } from './execution-runner';
import { ExecutionRunner } from './execution-runner';
import { MachineRegistry } from './machine-registry';
import { StepFunctionsApi } from './step-functions-api';

export type { TaskHandler } from './execution-runner';

export interface StepFunctionsShimOptions {
  region: string;
  accountId: string;
  /** Resource ARN → handler. A Task whose resource has none fails with
   * `Lambda.ResourceNotFoundException`, as on AWS. */
  taskHandlers?: Record<string, TaskHandler>;
  /** Milliseconds to wait before every retry, instead of IntervalSeconds × BackoffRate^n
   * (e.g. 0 in tests). Per-state `retryIntervalOverrides` win over it. */
  retryIntervalMs?: number;
  /** State name → milliseconds (or one per retrier), as aws-local-stepfunctions takes them. */
  retryIntervalOverrides?: Record<string, number | number[]>;
  /** Wait state name → milliseconds. */
  waitTimeOverrides?: Record<string, number>;
}

/**
 * A tiny Step Functions endpoint for the real `@aws-sdk/client-sfn`: the AWS JSON 1.0
 * protocol (`X-Amz-Target: AWSStepFunctions.<Operation>`, {@link serveAwsJson}) for the
 * operations of {@link StepFunctionsApi}, state machines kept by {@link MachineRegistry},
 * executions run in-process by {@link ExecutionRunner} (aws-local-stepfunctions) with Task
 * resources mapped to local handlers. Task errors reach Retry/Catch by name, with Lambda's
 * JSON as the cause.
 */
export class StepFunctionsShim {
  private readonly executions: ExecutionRunner;
  private readonly api: StepFunctionsApi;
  private readonly server = createServer(
    (req, res) =>
      void serveAwsJson(req, res, 'AWSStepFunctions.', (operation, input) =>
        this.api.dispatch(operation, input),
      ),
  );
  private endpointUrl: string | undefined;

  constructor(options: StepFunctionsShimOptions) {
    this.executions = new ExecutionRunner(options);
    this.api = new StepFunctionsApi(
      options.region,
      options.accountId,
      new MachineRegistry(options.region, options.accountId),
      this.executions,
    );
    this.setTaskHandlers(options.taskHandlers ?? {});
  }

  get endpoint(): string {
    if (!this.endpointUrl) throw new Error('The Step Functions shim is not started.');
    return this.endpointUrl;
  }

  async start(): Promise<string> {
    this.endpointUrl = endpointOf(await listen(this.server));
    return this.endpointUrl;
  }

  /** Adds or replaces handlers by resource ARN; executions started later use them. */
  setTaskHandlers(handlers: Record<string, TaskHandler>): void {
    this.executions.setTaskHandlers(handlers);
  }

  /** Resolves when no execution is running. */
  async idle(): Promise<void> {
    await this.executions.idle();
  }

  /** State transitions of every execution so far, as Standard workflows bill them: each
   * state entered (Map iterations' states included) and each retry of a Task. */
  stateTransitions(): number {
    return this.executions.stateTransitions();
  }

  /** Aborts running executions and closes the endpoint. Handlers already called may still
   * be finishing their current call; their results are dropped. */
  async close(): Promise<void> {
    this.executions.stopAll('States.Aborted', 'The local stack stopped.');
    await this.idle();
    await closeServer(this.server);
  }
}
