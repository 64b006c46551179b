import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { OperationUpdate, WireOperation } from '@aws/durable-execution-sdk-js';
import { closeServer, endpointOf, listen } from '../emulators/http-server';
import type { DurableExecutionRecord, DurableExecutionStore } from './durable-execution-store';
import { DurableServiceError } from './durable-execution-store';
import type { LocalDurableInvoker } from './local-durable-invoker';

const seconds = (iso: string | undefined): number | undefined =>
  iso === undefined ? undefined : Date.parse(iso) / 1000;

const INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const LIST = /^\/2025-12-01\/functions\/([^/]+)\/durable-executions$/;
const STATE = /^\/2025-12-01\/durable-executions\/([^/]+)\/state$/;
const CHECKPOINT = /^\/2025-12-01\/durable-executions\/([^/]+)\/checkpoint$/;
const STOP = /^\/2025-12-01\/durable-executions\/(.+)\/stop$/;
const GET = /^\/2025-12-01\/durable-executions\/([^/]+(?:\/[^/]+)*)$/;

/**
 * The slice of the Lambda API the durable backend calls, for the real
 * `@aws-sdk/client-lambda` (REST-JSON): `Invoke` of a durable function (event invocation,
 * `X-Amz-Durable-Execution-Name` → an idempotent start), `ListDurableExecutionsByFunction`
 * (by name and status), `GetDurableExecution` and `StopDurableExecution`, plus the two calls
 * the SDK's own Lambda transport makes from inside the function (`CheckpointDurableExecution`,
 * `GetDurableExecutionState`), so a bundled handler with the default transport runs here too.
 * Anything else is a 404 `UnknownOperationException`: emulate only what the product uses.
 */
export class LambdaDurableShim {
  private readonly server = createServer((req, res) => void this.route(req, res));

  constructor(
    private readonly store: DurableExecutionStore,
    private readonly invoker: LocalDurableInvoker,
    /** Function names (unqualified) this shim serves. */
    private readonly functions: readonly string[],
  ) {}

  async start(): Promise<string> {
    return endpointOf(await listen(this.server));
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      const body = await readBody(req);
      let m: RegExpExecArray | null;
      if (req.method === 'POST' && (m = INVOKE.exec(path))) {
        return this.invoke(req, res, decodeURIComponent(m[1] ?? ''), url, body);
      }
      if (req.method === 'GET' && (m = LIST.exec(path))) {
        const fn = this.functionName(decodeURIComponent(m[1] ?? ''));
        const name = url.searchParams.get('DurableExecutionName');
        const statuses = url.searchParams.getAll('Statuses');
        const found = this.store
          .list()
          .filter((r) => r.functionArn.split(':')[6] === fn)
          .filter((r) => !name || r.name === name)
          .filter((r) => !statuses.length || statuses.includes(r.status));
        return send(res, 200, { DurableExecutions: found.map(summary) });
      }
      if (req.method === 'GET' && (m = STATE.exec(path))) {
        const page = this.store.statePage(
          decodeURIComponent(m[1] ?? ''),
          url.searchParams.get('Marker') ?? undefined,
          Number(url.searchParams.get('MaxItems') ?? 0),
        );
        this.requireToken(decodeURIComponent(m[1] ?? ''), url.searchParams.get('CheckpointToken'));
        return send(res, 200, { ...page, Operations: page.Operations.map(toWire) });
      }
      if (req.method === 'POST' && (m = CHECKPOINT.exec(path))) {
        const input = JSON.parse(body.toString('utf8') || '{}') as {
          CheckpointToken?: string;
          Updates?: OperationUpdate[];
        };
        const changed = this.store.checkpoint(
          decodeURIComponent(m[1] ?? ''),
          input.CheckpointToken,
          input.Updates ?? [],
        );
        return send(res, 200, {
          CheckpointToken: input.CheckpointToken,
          NewExecutionState: { Operations: changed.map(toWire) },
        });
      }
      if (req.method === 'POST' && (m = STOP.exec(path))) {
        const error = body.length ? (JSON.parse(body.toString('utf8')) as { Error?: object }) : {};
        const record = this.invoker.stop(decodeURIComponent(m[1] ?? ''), error.Error);
        return send(res, 200, { StopTimestamp: seconds(record.endTimestamp) });
      }
      if (req.method === 'GET' && (m = GET.exec(path))) {
        const record = this.store.require(decodeURIComponent(m[1] ?? ''));
        return send(res, 200, {
          ...summary(record),
          InputPayload: record.input,
          Result: record.result,
          Error: record.error,
        });
      }
      throw new DurableServiceError(
        'UnknownOperationException',
        `${req.method} ${path} is not emulated.`,
        404,
      );
    } catch (err) {
      const e =
        err instanceof DurableServiceError
          ? err
          : new DurableServiceError('ServiceException', String(err), 500);
      res.setHeader('x-amzn-errortype', e.type);
      send(res, e.status, {
        Type: e.status < 500 ? 'User' : 'Service',
        Message: e.message,
        message: e.message,
      });
    }
  }

  private invoke(
    req: IncomingMessage,
    res: ServerResponse,
    target: string,
    url: URL,
    body: Buffer,
  ): void {
    const parts = target.split(':');
    const [name, qualifierInName] = target.startsWith('arn:')
      ? [parts[6], parts[7]]
      : [parts[0], parts[1]];
    const fn = this.functionName(name ?? '');
    const qualifier = url.searchParams.get('Qualifier') ?? qualifierInName;
    if (!qualifier || qualifier === '$LATEST') {
      throw new DurableServiceError(
        'InvalidParameterValueException',
        'A durable function must be invoked on a qualified ARN (a version or an alias).',
      );
    }
    if (req.headers['x-amz-invocation-type'] !== 'Event') {
      throw new DurableServiceError(
        'InvalidParameterValueException',
        'The local durable function takes event invocations only (a synchronous invoke is capped at 15 min).',
      );
    }
    const executionName = String(req.headers['x-amz-durable-execution-name'] ?? randomUUID());
    const payload = body.toString('utf8') || '{}';
    JSON.parse(payload); // a payload that is not JSON is the caller's error, as on AWS
    const record = this.invoker.start(
      this.invoker.functionArn(fn, qualifier),
      executionName,
      payload,
    );
    res.setHeader('X-Amz-Durable-Execution-Arn', record.arn);
    res.setHeader('X-Amz-Executed-Version', qualifier);
    res.statusCode = 202;
    res.end();
  }

  private requireToken(arn: string, token: string | null): void {
    if (!token || this.store.require(arn).currentToken !== token) {
      throw new DurableServiceError('InvalidParameterValueException', 'Invalid checkpoint token.');
    }
  }

  private functionName(nameOrArn: string): string {
    const name = nameOrArn.startsWith('arn:') ? (nameOrArn.split(':')[6] ?? '') : nameOrArn;
    if (!this.functions.includes(name)) {
      throw new DurableServiceError(
        'ResourceNotFoundException',
        `Function not found: ${nameOrArn}`,
        404,
      );
    }
    return name;
  }
}

/** The REST-JSON wire form of an operation: timestamps as epoch seconds. */
function toWire(op: WireOperation): object {
  const at = (t: WireOperation['StartTimestamp']) =>
    t === undefined ? undefined : new Date(t).getTime() / 1000;
  return {
    ...op,
    StartTimestamp: at(op.StartTimestamp),
    EndTimestamp: at(op.EndTimestamp),
    ...(op.StepDetails
      ? {
          StepDetails: {
            ...op.StepDetails,
            NextAttemptTimestamp: at(op.StepDetails.NextAttemptTimestamp),
          },
        }
      : {}),
  };
}

function summary(record: DurableExecutionRecord) {
  return {
    DurableExecutionArn: record.arn,
    DurableExecutionName: record.name,
    FunctionArn: record.functionArn,
    Status: record.status,
    StartTimestamp: seconds(record.startTimestamp),
    EndTimestamp: seconds(record.endTimestamp),
  };
}

function send(res: ServerResponse, status: number, body: object): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
