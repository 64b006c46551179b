import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, OperationUpdate, WireOperation } from '@aws/durable-execution-sdk-js';

export type DurableExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'STOPPED';

/** One durable execution as the local service keeps it: the operations the SDK checkpointed
 * (timestamps as ISO strings, which the SDK's wire model accepts), and who may write. */
export interface DurableExecutionRecord {
  arn: string;
  name: string;
  /** The qualified function ARN the execution was started on. */
  functionArn: string;
  /** The start payload as sent; a same-name start must carry the same one. */
  input: string;
  status: DurableExecutionStatus;
  startTimestamp: string;
  endTimestamp?: string;
  result?: string;
  error?: ErrorObject;
  /** Operation id → operation, in start order. */
  operations: Record<string, WireOperation>;
  /** The checkpoint token of the one invocation allowed to write (undefined: none). */
  currentToken?: string;
  /** Invocations so far (the first one is 1). */
  invocations: number;
}

/** Thrown for a request the service would reject (stale token, unknown execution, …). */
export class DurableServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

const now = (): string => new Date().toISOString();

/**
 * The checkpoint store behind the local durable-functions emulation: executions by ARN, in
 * memory, and when `directory` is given also one JSON file per execution, rewritten
 * atomically (write then rename) before each call returns, so a process killed at any
 * point leaves the last acknowledged checkpoint on disk. Applies checkpoint updates with the
 * service's state rules for the operation types our handler uses: STEP (START, SUCCEED,
 * FAIL, RETRY with a next-attempt time), CONTEXT (START, SUCCEED, FAIL) and EXECUTION.
 */
export class DurableExecutionStore {
  private readonly executions = new Map<string, DurableExecutionRecord>();

  constructor(
    private readonly directory?: string,
    /** Multiplies retry delays (e.g. 0.01 in tests); 1 keeps the SDK's seconds. */
    private readonly retryDelayScale = 1,
  ) {
    if (!directory) return;
    mkdirSync(directory, { recursive: true });
    for (const file of readdirSync(directory).filter((f) => f.endsWith('.json'))) {
      const record = JSON.parse(
        readFileSync(join(directory, file), 'utf8'),
      ) as DurableExecutionRecord;
      this.executions.set(record.arn, record);
    }
  }

  get(arn: string): DurableExecutionRecord | undefined {
    return this.executions.get(arn);
  }

  require(arn: string): DurableExecutionRecord {
    const record = this.executions.get(arn);
    if (!record) {
      throw new DurableServiceError(
        'ResourceNotFoundException',
        `No durable execution ${arn}.`,
        404,
      );
    }
    return record;
  }

  list(): DurableExecutionRecord[] {
    return [...this.executions.values()];
  }

  /** Creates the execution with its EXECUTION operation holding the input payload. */
  create(arn: string, name: string, functionArn: string, input: string): DurableExecutionRecord {
    const id = randomUUID();
    const record: DurableExecutionRecord = {
      arn,
      name,
      functionArn,
      input,
      status: 'RUNNING',
      startTimestamp: now(),
      operations: {
        [id]: {
          Id: id,
          Type: 'EXECUTION',
          Status: 'STARTED',
          StartTimestamp: now(),
          ExecutionDetails: { InputPayload: input },
        },
      },
      invocations: 0,
    };
    this.executions.set(arn, record);
    this.save(record);
    return record;
  }

  /** Opens an invocation: a fresh token that alone may checkpoint from now on. */
  openInvocation(record: DurableExecutionRecord): string {
    this.promoteDueRetries(record);
    record.invocations += 1;
    record.currentToken = `${record.invocations}.${randomUUID()}`;
    this.save(record);
    return record.currentToken;
  }

  /** Applies one checkpoint call's updates; returns the operations it changed (and retries
   * that became due), which is what the SDK merges into its view. */
  checkpoint(arn: string, token: string | undefined, updates: OperationUpdate[]): WireOperation[] {
    const record = this.require(arn);
    if (record.status !== 'RUNNING' || !token || token !== record.currentToken) {
      throw new DurableServiceError(
        'InvalidParameterValueException',
        `Invalid checkpoint token for ${arn} (${record.status === 'RUNNING' ? 'a newer invocation owns it' : `the execution is ${record.status}`}).`,
      );
    }
    const changed = new Map<string, WireOperation>();
    for (const update of updates) {
      const op = this.apply(record, update);
      changed.set(op.Id ?? '', op);
    }
    for (const op of this.promoteDueRetries(record)) changed.set(op.Id ?? '', op);
    this.save(record);
    return [...changed.values()];
  }

  /** What an invocation replays from: every operation except the children of a finished
   * context that does not ask to replay them (the service prunes those). */
  visibleOperations(record: DurableExecutionRecord): WireOperation[] {
    const hidden = new Set<string>();
    const all = Object.values(record.operations);
    return all.filter((op) => {
      const parent = op.ParentId ? record.operations[op.ParentId] : undefined;
      const prune =
        parent?.Type === 'CONTEXT' &&
        (parent.Status === 'SUCCEEDED' || parent.Status === 'FAILED') &&
        (!parent.ContextDetails?.ReplayChildren || hidden.has(parent.Id ?? ''));
      if (prune) hidden.add(op.Id ?? '');
      return !prune;
    });
  }

  /** One page of `visibleOperations` (GetDurableExecutionState; 100 per page by default, as
   * on AWS). The marker is the next index. */
  statePage(
    arn: string,
    marker?: string,
    maxItems?: number,
  ): { Operations: WireOperation[]; NextMarker?: string } {
    const all = this.visibleOperations(this.require(arn));
    const from = Number(marker ?? 0);
    const size = maxItems || 100;
    return {
      Operations: all.slice(from, from + size),
      NextMarker: from + size < all.length ? String(from + size) : undefined,
    };
  }

  /** Ends the execution with the invocation's outcome (or a stop). */
  finish(
    record: DurableExecutionRecord,
    status: Exclude<DurableExecutionStatus, 'RUNNING'>,
    outcome: { result?: string; error?: ErrorObject } = {},
  ): void {
    if (record.status !== 'RUNNING') return;
    record.status = status;
    record.endTimestamp = now();
    record.result = outcome.result;
    record.error = outcome.error;
    record.currentToken = undefined;
    this.save(record);
  }

  /** When the earliest step retry of a running execution is due (ms since epoch). */
  nextRetryAt(record: DurableExecutionRecord): number | undefined {
    const due = Object.values(record.operations)
      .filter((op) => op.Type === 'STEP' && op.Status === 'PENDING')
      .map((op) => Date.parse(String(op.StepDetails?.NextAttemptTimestamp ?? 0)));
    return due.length ? Math.min(...due) : undefined;
  }

  private apply(record: DurableExecutionRecord, update: OperationUpdate): WireOperation {
    if (!update.Id)
      throw new DurableServiceError('InvalidParameterValueException', 'Missing operation Id.');
    if (update.Type === 'EXECUTION') {
      // The oversized-result path: the SDK ends the execution through a checkpoint.
      const status = update.Action === 'SUCCEED' ? 'SUCCEEDED' : 'FAILED';
      this.finish(record, status, { result: update.Payload, error: update.Error });
      return {
        Id: update.Id,
        Type: 'EXECUTION',
        Status: status,
        StartTimestamp: record.startTimestamp,
      };
    }
    const existing = record.operations[update.Id];
    const op: WireOperation = existing ?? {
      Id: update.Id,
      ParentId: update.ParentId,
      Name: update.Name,
      Type: update.Type,
      SubType: update.SubType,
      Status: 'STARTED',
      StartTimestamp: now(),
      ...(update.Type === 'CONTEXT'
        ? { ContextDetails: { ReplayChildren: update.ContextOptions?.ReplayChildren } }
        : {}),
      ...(update.Type === 'STEP' ? { StepDetails: { Attempt: 0 } } : {}),
    };
    if (update.Type !== 'STEP' && update.Type !== 'CONTEXT') {
      throw new DurableServiceError(
        'InvalidParameterValueException',
        `The local durable service emulates STEP and CONTEXT operations only, not ${update.Type}.`,
      );
    }
    const attempt = op.StepDetails?.Attempt ?? 0;
    switch (update.Action) {
      case 'START':
        op.Status = 'STARTED';
        break;
      case 'SUCCEED':
      case 'FAIL': {
        op.Status = update.Action === 'SUCCEED' ? 'SUCCEEDED' : 'FAILED';
        op.EndTimestamp = now();
        if (op.Type === 'STEP') {
          op.StepDetails = {
            ...op.StepDetails,
            Attempt: attempt + 1,
            Result: update.Payload,
            Error: update.Error,
          };
        } else {
          op.ContextDetails = { ...op.ContextDetails, Result: update.Payload, Error: update.Error };
        }
        break;
      }
      case 'RETRY': {
        const delayMs =
          (update.StepOptions?.NextAttemptDelaySeconds ?? 1) * 1000 * this.retryDelayScale;
        op.Status = 'PENDING';
        op.StepDetails = {
          ...op.StepDetails,
          Attempt: attempt + 1,
          Error: update.Error,
          NextAttemptTimestamp: new Date(Date.now() + delayMs).toISOString(),
        };
        break;
      }
      default:
        throw new DurableServiceError(
          'InvalidParameterValueException',
          `Unsupported action ${update.Action}.`,
        );
    }
    record.operations[update.Id] = op;
    return op;
  }

  /** A step whose retry time has come goes from PENDING to READY (the service's timer). */
  private promoteDueRetries(record: DurableExecutionRecord): WireOperation[] {
    const due: WireOperation[] = [];
    for (const op of Object.values(record.operations)) {
      const at = op.StepDetails?.NextAttemptTimestamp;
      if (op.Status === 'PENDING' && at && Date.parse(String(at)) <= Date.now()) {
        op.Status = 'READY';
        due.push(op);
      }
    }
    return due;
  }

  private save(record: DurableExecutionRecord): void {
    if (!this.directory) return;
    const file = join(this.directory, `${encodeURIComponent(record.name)}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(record));
    renameSync(`${file}.tmp`, file);
  }
}
