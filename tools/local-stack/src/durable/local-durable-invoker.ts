import { randomUUID } from 'node:crypto';
import type { DurableLambdaHandler, ErrorObject } from '@aws/durable-execution-sdk-js';
import { fakeLambdaContext } from '../sqs-event-source/fake-lambda-context';
import type { DurableExecutionRecord, DurableExecutionStore } from './durable-execution-store';
import { DurableServiceError } from './durable-execution-store';

export interface LocalDurableInvokerOptions {
  store: DurableExecutionStore;
  region: string;
  accountId: string;
  /** Simulated function timeout per invocation (default 15 min, Lambda's maximum). */
  timeoutMs?: number;
  /** Times a failed invocation (the handler threw) is retried before the execution fails
   * (default 2); waits 100 ms, 200 ms, … in between. */
  invocationRetries?: number;
  onError?: (err: unknown, arn: string) => void;
}

/**
 * Plays the part of Lambda's durable-execution service for one local function: starts an
 * execution per name (idempotent), invokes the handler with the execution's checkpointed
 * operations, re-invokes it when a suspended execution has a step retry due, retries a
 * failed invocation, stops executions, and after a restart resumes every execution the
 * persisted store still lists as RUNNING. Invocations of one execution never overlap.
 */
export class LocalDurableInvoker {
  private handler: DurableLambdaHandler | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly options: LocalDurableInvokerOptions) {}

  /** The function's handler (`withDurableExecution(...)` over the local client). */
  setHandler(handler: DurableLambdaHandler): void {
    this.handler = handler;
  }

  functionArn(functionName: string, qualifier?: string): string {
    const { region, accountId } = this.options;
    return `arn:aws:lambda:${region}:${accountId}:function:${functionName}${qualifier ? `:${qualifier}` : ''}`;
  }

  /**
   * Starts the execution `name` with `payload`, or returns the existing one when a start of
   * that name with the same payload came first (the service's idempotent start). A different
   * payload under a used name is `DurableExecutionAlreadyStartedException`.
   */
  start(functionArn: string, name: string, payload: string): DurableExecutionRecord {
    const existing = this.options.store.list().find((r) => r.name === name);
    if (existing) {
      if (existing.input !== payload) {
        throw new DurableServiceError(
          'DurableExecutionAlreadyStartedException',
          `A durable execution named ${name} already exists with a different payload.`,
          409,
        );
      }
      return existing;
    }
    const arn = `${functionArn}/durable-execution/${name}/${randomUUID()}`;
    const record = this.options.store.create(arn, name, functionArn, payload);
    this.schedule(record.arn, 0);
    return record;
  }

  /** StopDurableExecution: the execution ends STOPPED and its current invocation can no
   * longer checkpoint (the SDK ends it at its next checkpoint). */
  stop(arn: string, error?: ErrorObject): DurableExecutionRecord {
    const record = this.options.store.require(arn);
    if (record.status !== 'RUNNING') {
      throw new DurableServiceError(
        'ResourceNotFoundException',
        `Execution ${arn} is not running.`,
        404,
      );
    }
    this.options.store.finish(record, 'STOPPED', { error });
    clearTimeout(this.timers.get(arn));
    this.timers.delete(arn);
    return record;
  }

  /** Re-invokes every RUNNING execution of a persisted store (after a restart). */
  resumeRunning(): number {
    const running = this.options.store.list().filter((r) => r.status === 'RUNNING');
    for (const record of running) this.schedule(record.arn, 0);
    return running.length;
  }

  /** Resolves when no invocation is running (scheduled retries may still be pending). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all(this.inFlight.values());
  }

  /** No new invocations. One still running is not waited for (it may run a whole job):
   * callers drain with `idle()` first, with a time limit, as the local app does; a persisted
   * execution cut short here resumes from its last checkpoint at the next start. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(arn: string, delayMs: number, failures = 0): void {
    if (this.closed) return;
    clearTimeout(this.timers.get(arn));
    this.timers.set(
      arn,
      setTimeout(() => {
        this.timers.delete(arn);
        void this.invoke(arn, failures);
      }, delayMs),
    );
  }

  private async invoke(arn: string, failures: number): Promise<void> {
    const running = this.inFlight.get(arn);
    if (running) {
      await running;
      return this.invoke(arn, failures);
    }
    const done = this.invokeOnce(arn, failures).finally(() => this.inFlight.delete(arn));
    this.inFlight.set(arn, done);
    return done;
  }

  private async invokeOnce(arn: string, failures: number): Promise<void> {
    const { store } = this.options;
    const record = store.get(arn);
    if (!record || record.status !== 'RUNNING' || this.closed) return;
    if (!this.handler) throw new Error('The local durable function has no handler yet.');
    const token = store.openInvocation(record);
    const event = {
      DurableExecutionArn: arn,
      CheckpointToken: token,
      InitialExecutionState: { Operations: store.visibleOperations(record) },
    };
    const context = fakeLambdaContext({
      functionName: record.functionArn.split(':')[6],
      timeoutMs: this.options.timeoutMs ?? 15 * 60_000,
      region: this.options.region,
      accountId: this.options.accountId,
    });
    let output: Awaited<ReturnType<DurableLambdaHandler>>;
    try {
      output = await this.handler(event, context);
    } catch (err) {
      this.options.onError?.(err, arn);
      if (record.currentToken !== token) return;
      if (failures < (this.options.invocationRetries ?? 2)) {
        this.schedule(arn, 100 * 2 ** failures, failures + 1);
        return;
      }
      store.finish(record, 'FAILED', {
        error: { ErrorType: 'InvocationFailed', ErrorMessage: String(err) },
      });
      return;
    }
    // A stopped execution, or an invocation a newer one replaced: its outcome counts no more.
    if (record.currentToken !== token) return;
    if (output.Status === 'SUCCEEDED') store.finish(record, 'SUCCEEDED', { result: output.Result });
    else if (output.Status === 'FAILED') store.finish(record, 'FAILED', { error: output.Error });
    else {
      const at = store.nextRetryAt(record);
      if (at === undefined) {
        store.finish(record, 'FAILED', {
          error: {
            ErrorType: 'Unsupported',
            ErrorMessage:
              'The execution suspended without a step retry to wait for (waits and callbacks are not emulated).',
          },
        });
        return;
      }
      this.schedule(arn, Math.max(0, at - Date.now()));
    }
  }
}
