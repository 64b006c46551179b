import { ExecutionTimeoutError } from 'aws-local-stepfunctions';
import { ApiError } from './aws-json-protocol';
import type { EventLog } from './history';
import { HistoryRecorder, causeText } from './history';
import { LambdaTaskError } from './lambda-error';
import type { MachineRecord } from './machine-registry';

/** What a Task state's Resource runs locally: the Lambda handler, given the state's input. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One execution: what DescribeExecution and GetExecutionHistory answer from. */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryRecorder;
  abort: () => void;
  settled: Promise<void>;
}

export interface ExecutionRunnerOptions {
  region: string;
  /** Milliseconds before every retry of a state with a Retry field (tests: 0). */
  retryIntervalMs?: number;
  /** State name → milliseconds (or one per retrier); wins over `retryIntervalMs`. */
  retryIntervalOverrides?: Record<string, number | number[]>;
  /** Wait state name → milliseconds. */
  waitTimeOverrides?: Record<string, number>;
}

/**
 * Runs executions in-process with aws-local-stepfunctions: Task states call the local
 * handler of their resource (a copy of the input in, a JSON copy of the result out, errors
 * as Lambda reports them), the emulator's event log becomes the execution's history, and the
 * outcome its status. Keeps every execution for Describe/History and the transition count.
 */
export class ExecutionRunner {
  private readonly executions = new Map<string, ExecutionRecord>();
  /** Handler calls not yet returned, whether or not their execution still waits for them. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly handlers = new Map<string, TaskHandler>();

  constructor(private readonly options: ExecutionRunnerOptions) {}

  /** Adds or replaces handlers by resource ARN; Task states called later use them. */
  setTaskHandlers(handlers: Record<string, TaskHandler>): void {
    for (const [resource, handler] of Object.entries(handlers))
      this.handlers.set(resource, handler);
  }

  /** The execution, or undefined. */
  find(executionArn: string): ExecutionRecord | undefined {
    return this.executions.get(executionArn);
  }

  /** The execution, or `ExecutionDoesNotExist`. */
  get(executionArn: string): ExecutionRecord {
    const record = this.executions.get(executionArn);
    if (!record)
      throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  /** Starts an execution of the machine; it runs on until it settles or is stopped. */
  start(
    machine: MachineRecord,
    executionArn: string,
    name: string,
    inputText: string,
    inputValue: unknown,
  ): ExecutionRecord {
    const history = new HistoryRecorder(
      (stateName) => machine.resources.get(stateName),
      this.options.region,
      machine.roleArn,
    );
    const startDate = new Date();
    const execution = machine.machine.run(inputValue as never, {
      noThrowOnAbort: true,
      context: {
        Execution: {
          Id: executionArn,
          Name: name,
          Input: inputValue as never,
          StartTime: startDate.toISOString(),
          RoleArn: machine.roleArn,
        },
        StateMachine: { Id: machine.arn, Name: machine.name },
      },
      overrides: {
        taskResourceLocalHandlers: this.localHandlers(machine),
        retryIntervalOverrides: this.retryOverrides(machine),
        waitTimeOverrides: this.options.waitTimeOverrides,
      },
    });
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      input: inputText,
      status: 'RUNNING',
      startDate,
      history,
      abort: execution.abort,
      settled: Promise.resolve(),
    };
    this.executions.set(executionArn, record);

    const failures: { error: string; cause: string }[] = [];
    const logs = (async () => {
      for await (const log of execution.eventLogs as AsyncGenerator<EventLog>) {
        if (log.type === 'ExecutionFailed')
          failures.push({ error: log.Error, cause: causeText(log.Cause) });
        if (record.status !== 'ABORTED') history.record(log);
      }
    })();
    record.settled = execution.result.then(
      async (output) => {
        await logs;
        if (record.status !== 'RUNNING') return;
        record.status = 'SUCCEEDED';
        record.output = JSON.stringify(output ?? null);
        record.stopDate = new Date();
      },
      async (err: unknown) => {
        await logs;
        if (record.status !== 'RUNNING') return;
        const failure = failures[failures.length - 1];
        record.status = err instanceof ExecutionTimeoutError ? 'TIMED_OUT' : 'FAILED';
        record.error =
          failure?.error ??
          (err instanceof ExecutionTimeoutError ? 'States.Timeout' : 'States.Runtime');
        record.cause = failure?.cause ?? (err instanceof Error ? err.message : String(err));
        record.stopDate = new Date();
      },
    );
    return record;
  }

  /** Aborts a running execution (StopExecution); its history ends with ExecutionAborted. */
  stop(record: ExecutionRecord, error?: string, cause?: string): void {
    record.status = 'ABORTED';
    record.stopDate = new Date();
    record.error = error;
    record.cause = cause;
    record.history.aborted(record.stopDate.getTime(), error, cause);
    record.abort();
  }

  /** Aborts every running execution. */
  stopAll(error: string, cause: string): void {
    for (const execution of this.executions.values()) {
      if (execution.status === 'RUNNING') this.stop(execution, error, cause);
    }
  }

  /** Resolves when no execution is running and no handler call is pending. */
  async idle(): Promise<void> {
    await Promise.all([...this.executions.values()].map((e) => e.settled));
    // An aborted execution settles at once, but a handler it had called may still be
    // writing; wait for those too, so nothing writes to an emulator after it stops.
    await Promise.allSettled([...this.inFlight]);
  }

  /** State transitions of every execution so far, as Standard workflows bill them: each
   * state entered (Map iterations' states included) and each retry of a Task. */
  stateTransitions(): number {
    let entered = 0;
    let retries = 0;
    for (const execution of this.executions.values()) {
      for (const event of execution.history.events) {
        if (event.type.endsWith('StateEntered')) entered++;
        if (event.type === 'TaskScheduled') retries++;
        if (event.type === 'TaskStateEntered') retries--;
      }
    }
    return entered + retries;
  }

  /** One local function per Task state, calling the handler of the state's resource with a
   * copy of the input and returning a JSON copy of its result, as a Lambda call would. */
  private localHandlers(
    machine: MachineRecord,
  ): Record<string, (input: unknown) => Promise<never>> {
    const handlers: Record<string, (input: unknown) => Promise<never>> = {};
    for (const [stateName, resource] of machine.resources) {
      handlers[stateName] = async (input: unknown) => {
        const handler = this.handlers.get(resource);
        if (!handler) {
          throw new LambdaTaskError(
            'Lambda.ResourceNotFoundException',
            `No local task handler for ${resource}.`,
          );
        }
        const call = handler(structuredClone(input));
        this.inFlight.add(call);
        try {
          const result = await call;
          return JSON.parse(JSON.stringify(result ?? null)) as never;
        } catch (err) {
          throw LambdaTaskError.from(err);
        } finally {
          this.inFlight.delete(call);
        }
      };
    }
    return handlers;
  }

  private retryOverrides(machine: MachineRecord): Record<string, number | number[]> {
    const overrides: Record<string, number | number[]> = {};
    if (this.options.retryIntervalMs !== undefined) {
      for (const state of machine.retrying) overrides[state] = this.options.retryIntervalMs;
    }
    return { ...overrides, ...this.options.retryIntervalOverrides };
  }
}
