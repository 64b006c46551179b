import type { DurableLambdaHandler, DurableExecutionClient } from '@aws/durable-execution-sdk-js';
import { DurableExecutionStore } from './durable-execution-store';
import { LambdaDurableShim } from './lambda-durable-shim';
import { LocalDurableExecutionClient } from './local-durable-execution-client';
import { LocalDurableInvoker } from './local-durable-invoker';

export interface LocalDurableServiceOptions {
  region: string;
  accountId: string;
  /** Keep executions and their checkpoints here (one JSON file per execution); absent: in
   * memory only. */
  directory?: string;
  /** The durable function's name (default `storyboard-durable`) and alias (default `live`). */
  functionName?: string;
  alias?: string;
  /** Multiplies step retry delays (e.g. 0.01 in tests; default 1). */
  retryDelayScale?: number;
  /** Simulated invocation timeout (default 15 min). */
  timeoutMs?: number;
  onError?: (err: unknown, arn: string) => void;
}

/**
 * Lambda durable functions on this machine, for one function: the checkpoint store, the
 * SDK transport over it (`client`, for `withDurableExecution(handler, { durableExecutionClient
 * })`), the invoker that plays the service's invocation loop, and a Lambda API endpoint for
 * the real `@aws-sdk/client-lambda` (Invoke with an execution name, List, Get, Stop).
 */
export class LocalDurableService {
  readonly store: DurableExecutionStore;
  readonly client: DurableExecutionClient;
  readonly invoker: LocalDurableInvoker;
  readonly functionName: string;
  /** The qualified ARN executions are started on. */
  readonly functionArn: string;
  private readonly shim: LambdaDurableShim;
  private handlerSet = false;

  constructor(options: LocalDurableServiceOptions) {
    this.functionName = options.functionName ?? 'storyboard-durable';
    this.store = new DurableExecutionStore(options.directory, options.retryDelayScale ?? 1);
    this.client = new LocalDurableExecutionClient(this.store);
    this.invoker = new LocalDurableInvoker({
      store: this.store,
      region: options.region,
      accountId: options.accountId,
      timeoutMs: options.timeoutMs,
      onError: options.onError,
    });
    this.functionArn = this.invoker.functionArn(this.functionName, options.alias ?? 'live');
    this.shim = new LambdaDurableShim(this.store, this.invoker, [this.functionName]);
  }

  /** Starts the Lambda API endpoint; resolves with its URL. */
  start(): Promise<string> {
    return this.shim.start();
  }

  /** Sets the function's handler; the first call resumes executions a previous process left
   * RUNNING in a persisted store (their replay starts from the last checkpoint). Returns how
   * many were resumed. */
  setHandler(handler: DurableLambdaHandler): number {
    this.invoker.setHandler(handler);
    if (this.handlerSet) return 0;
    this.handlerSet = true;
    return this.invoker.resumeRunning();
  }

  /** Resolves when no invocation is running. */
  idle(): Promise<void> {
    return this.invoker.idle();
  }

  async close(): Promise<void> {
    this.invoker.close();
    await this.shim.close();
  }
}
