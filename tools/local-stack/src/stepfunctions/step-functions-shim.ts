import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import { closeServer, endpointOf, listen } from '../emulators/http-server';
import { retryingStates, taskResources } from './definition-walk';
import type { EventLog, HistoryEvent } from './history';
import { HistoryRecorder, causeText } from './history';
import { LambdaTaskError } from './lambda-error';

/** What a Task state's Resource runs locally: the Lambda handler, given the state's input. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

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

type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

interface MachineRecord {
  arn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: string;
  creationDate: Date;
  machine: StateMachine;
  resources: Map<string, string>;
  retrying: string[];
}

interface ExecutionRecord {
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

/** An error answer of the AWS JSON 1.0 protocol (`__type` is what the SDK maps to a class). */
class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const seconds = (date: Date): number => date.getTime() / 1000;

/**
 * A tiny Step Functions endpoint for the real `@aws-sdk/client-sfn`: the AWS JSON 1.0
 * protocol (`X-Amz-Target: AWSStepFunctions.<Operation>`) for CreateStateMachine,
 * StartExecution, DescribeExecution, StopExecution and GetExecutionHistory, executing
 * definitions in-process with aws-local-stepfunctions and Task resources mapped to local
 * handlers.
 *
 * AWS semantics kept: StartExecution with the name of an execution that is still running and
 * the same input returns that execution (idempotent); with a different input, or once the
 * execution has closed, it is `ExecutionAlreadyExists` (names are never reused here).
 * CreateStateMachine with an existing name and the same definition returns the existing ARN,
 * with another definition `StateMachineAlreadyExists`. Task errors reach Retry/Catch by name,
 * with Lambda's JSON as the cause.
 */
export class StepFunctionsShim {
  private readonly machines = new Map<string, MachineRecord>();
  private readonly executions = new Map<string, ExecutionRecord>();
  /** Handler calls not yet returned, whether or not their execution still waits for them. */
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly handlers = new Map<string, TaskHandler>();
  private readonly server = createServer((req, res) => void this.serve(req, res));
  private endpointUrl: string | undefined;

  constructor(private readonly options: StepFunctionsShimOptions) {
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
    for (const [resource, handler] of Object.entries(handlers))
      this.handlers.set(resource, handler);
  }

  /** Resolves when no execution is running. */
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

  /** Aborts running executions and closes the endpoint. Handlers already called may still
   * be finishing their current call; their results are dropped. */
  async close(): Promise<void> {
    for (const execution of this.executions.values()) {
      if (execution.status === 'RUNNING')
        this.stop(execution, 'States.Aborted', 'The local stack stopped.');
    }
    await this.idle();
    await closeServer(this.server);
  }

  // ---- HTTP ------------------------------------------------------------------------------

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    let status = 200;
    let body: unknown;
    try {
      const raw = await readBody(req);
      const input = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
      body = this.dispatch(target.replace(/^AWSStepFunctions\./, ''), input);
    } catch (err) {
      const apiError =
        err instanceof ApiError
          ? err
          : err instanceof SyntaxError
            ? new ApiError('SerializationException', err.message)
            : new ApiError('InternalFailure', String(err), 500);
      status = apiError.status;
      body = { __type: apiError.type, message: apiError.message };
    }
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': Buffer.byteLength(payload),
      'x-amzn-requestid': randomUUID(),
    });
    res.end(payload);
  }

  private dispatch(operation: string, input: Record<string, unknown>): unknown {
    switch (operation) {
      case 'CreateStateMachine':
        return this.createStateMachine(input);
      case 'StartExecution':
        return this.startExecution(input);
      case 'DescribeExecution':
        return this.describeExecution(input);
      case 'StopExecution':
        return this.stopExecution(input);
      case 'GetExecutionHistory':
        return this.getExecutionHistory(input);
      default:
        throw new ApiError(
          'UnknownOperationException',
          `${operation || 'No operation'} is not supported by the local Step Functions shim.`,
        );
    }
  }

  // ---- Operations ------------------------------------------------------------------------

  private createStateMachine(input: Record<string, unknown>): unknown {
    const name = requireString(input, 'name');
    const definition = requireString(input, 'definition');
    const arn = `arn:aws:states:${this.options.region}:${this.options.accountId}:stateMachine:${name}`;
    const existing = this.machines.get(arn);
    if (existing) {
      if (existing.definition !== definition) {
        throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
      }
      return { stateMachineArn: arn, creationDate: seconds(existing.creationDate) };
    }
    let parsed: StateMachineDefinition;
    let machine: StateMachine;
    let resources: Map<string, string>;
    try {
      parsed = JSON.parse(definition) as StateMachineDefinition;
      machine = new StateMachine(parsed);
      resources = taskResources(parsed);
    } catch (err) {
      throw new ApiError('InvalidDefinition', `Invalid State Machine Definition: ${String(err)}`);
    }
    const record: MachineRecord = {
      arn,
      name,
      definition,
      roleArn: typeof input.roleArn === 'string' ? input.roleArn : '',
      type: typeof input.type === 'string' ? input.type : 'STANDARD',
      creationDate: new Date(),
      machine,
      resources,
      retrying: retryingStates(parsed),
    };
    this.machines.set(arn, record);
    return { stateMachineArn: arn, creationDate: seconds(record.creationDate) };
  }

  private startExecution(input: Record<string, unknown>): unknown {
    const stateMachineArn = requireString(input, 'stateMachineArn');
    const machine = this.machines.get(stateMachineArn);
    if (!machine) {
      throw new ApiError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${stateMachineArn}'`,
      );
    }
    const name = typeof input.name === 'string' ? input.name : randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) {
      throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
    }
    const inputText = typeof input.input === 'string' ? input.input : '{}';
    let inputValue: unknown;
    try {
      inputValue = JSON.parse(inputText);
    } catch {
      throw new ApiError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${inputText}'`,
      );
    }
    const executionArn = `arn:aws:states:${this.options.region}:${this.options.accountId}:execution:${machine.name}:${name}`;
    const existing = this.executions.get(executionArn);
    if (existing) {
      if (existing.status === 'RUNNING' && existing.input === inputText) {
        return { executionArn, startDate: seconds(existing.startDate) };
      }
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record = this.run(machine, executionArn, name, inputText, inputValue);
    return { executionArn, startDate: seconds(record.startDate) };
  }

  private describeExecution(input: Record<string, unknown>): unknown {
    const e = this.execution(input);
    return {
      executionArn: e.executionArn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status: e.status,
      startDate: seconds(e.startDate),
      ...(e.stopDate ? { stopDate: seconds(e.stopDate) } : {}),
      input: e.input,
      inputDetails: { included: true },
      ...(e.output === undefined ? {} : { output: e.output, outputDetails: { included: true } }),
      ...(e.error === undefined ? {} : { error: e.error }),
      ...(e.cause === undefined ? {} : { cause: e.cause }),
    };
  }

  private stopExecution(input: Record<string, unknown>): unknown {
    const e = this.execution(input);
    if (e.status === 'RUNNING') {
      this.stop(
        e,
        typeof input.error === 'string' ? input.error : undefined,
        typeof input.cause === 'string' ? input.cause : undefined,
      );
    }
    return { stopDate: seconds(e.stopDate ?? new Date()) };
  }

  private getExecutionHistory(input: Record<string, unknown>): unknown {
    const e = this.execution(input);
    const maxResults =
      typeof input.maxResults === 'number' && input.maxResults > 0
        ? Math.min(input.maxResults, 1000)
        : 100;
    const ordered =
      input.reverseOrder === true ? [...e.history.events].reverse() : e.history.events;
    const from = typeof input.nextToken === 'string' ? Number(input.nextToken) : 0;
    if (!Number.isInteger(from) || from < 0) throw new ApiError('InvalidToken', 'Invalid Token');
    const events: HistoryEvent[] = ordered.slice(from, from + maxResults);
    const next = from + maxResults;
    return next < ordered.length ? { events, nextToken: String(next) } : { events };
  }

  // ---- Executions ------------------------------------------------------------------------

  private execution(input: Record<string, unknown>): ExecutionRecord {
    const executionArn = requireString(input, 'executionArn');
    const record = this.executions.get(executionArn);
    if (!record)
      throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  private run(
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

  private stop(record: ExecutionRecord, error?: string, cause?: string): void {
    record.status = 'ABORTED';
    record.stopDate = new Date();
    record.error = error;
    record.cause = cause;
    record.history.aborted(record.stopDate.getTime(), error, cause);
    record.abort();
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

function requireString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') {
    throw new ApiError(
      'ValidationException',
      `1 validation error detected: '${field}' must not be null`,
    );
  }
  return value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
