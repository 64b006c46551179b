import { AsyncLocalStorage } from 'node:async_hooks';

/** What one kind of call (`DynamoDB.PutItem`, `S3.PutObject`, …) has cost so far. */
export interface CallTally {
  /** HTTP requests sent, retries included (each is billed). */
  calls: number;
  /** Items written or deleted (a BatchWriteItem counts each request in it; a single write
   * counts 1; reads and queue calls count 0). */
  writeItems: number;
  /** Bytes of request bodies sent. */
  requestBytes: number;
  /** The largest request body sent, bytes. */
  maxRequestBytes: number;
}

/** Tallies by kind (`DynamoDB.PutItem`). */
export type CallTallies = Record<string, CallTally>;

/** Tallies by scope (the pipeline step a call was made in, or `other`), then by kind. */
export type ScopedCallTallies = Record<string, CallTallies>;

/** The scope of calls made outside any `SdkCallCounter.inScope`. */
export const NO_SCOPE = 'other';

/** The part of an SDK v3 client the counter needs: its middleware stack. Structural, so any
 * client (and the DynamoDB document client, which shares its inner client's stack) fits. */
export interface InstrumentableClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: { input: object; request: unknown }) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: { input: object; request: unknown }) => Promise<unknown>,
      options: { step: 'finalizeRequest'; priority: 'low'; name: string; override?: boolean },
    ): void;
  };
}

const MIDDLEWARE_NAME = 'storyboardCallCounter';
const SINGLE_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

/**
 * Counts every request SDK v3 clients send, per service and operation, with a client
 * middleware (the adapters are untouched). Added at the end of `finalizeRequest`, after the
 * retry middleware, so each attempt is counted as AWS bills it.
 */
export class SdkCallCounter {
  private tallies: ScopedCallTallies = {};
  private readonly scope = new AsyncLocalStorage<string>();

  /** Runs `fn` with every call it makes (awaited or not) counted under `scope`. */
  inScope<T>(scope: string, fn: () => T): T {
    return this.scope.run(scope, fn);
  }

  /** Counts `client`'s calls under `service` (`DynamoDB`, `S3`, `SQS`, `SFN`). Attaching the
   * same client twice replaces the first counter. */
  attach(client: InstrumentableClient, service: string): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
        this.record(`${service}.${operation}`, operation, args.input, args.request);
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: MIDDLEWARE_NAME, override: true },
    );
  }

  /** A copy of the tallies so far. */
  snapshot(): ScopedCallTallies {
    return structuredClone(this.tallies);
  }

  /** What was counted since `before` (a snapshot); kinds with no calls left out. */
  since(before: ScopedCallTallies): ScopedCallTallies {
    const out: ScopedCallTallies = {};
    for (const [scope, kinds] of Object.entries(this.tallies)) {
      for (const [kind, now] of Object.entries(kinds)) {
        const was = before[scope]?.[kind];
        const calls = now.calls - (was?.calls ?? 0);
        if (calls === 0) continue;
        (out[scope] ??= {})[kind] = {
          calls,
          writeItems: now.writeItems - (was?.writeItems ?? 0),
          requestBytes: now.requestBytes - (was?.requestBytes ?? 0),
          maxRequestBytes: now.maxRequestBytes,
        };
      }
    }
    return out;
  }

  private record(kind: string, operation: string, input: object, request: unknown): void {
    const scope = (this.tallies[this.scope.getStore() ?? NO_SCOPE] ??= {});
    const tally = (scope[kind] ??= {
      calls: 0,
      writeItems: 0,
      requestBytes: 0,
      maxRequestBytes: 0,
    });
    const bytes = bodyBytes(request);
    tally.calls++;
    tally.requestBytes += bytes;
    tally.maxRequestBytes = Math.max(tally.maxRequestBytes, bytes);
    tally.writeItems += writeItemsOf(operation, input);
  }
}

function writeItemsOf(operation: string, input: object): number {
  if (SINGLE_WRITES.has(operation)) return 1;
  if (operation === 'BatchWriteItem') {
    const items = (input as { RequestItems?: Record<string, unknown[]> }).RequestItems ?? {};
    return Object.values(items).reduce((n, list) => n + list.length, 0);
  }
  return 0;
}

function bodyBytes(request: unknown): number {
  const body = (request as { body?: unknown } | undefined)?.body;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array) return body.byteLength;
  const length = (request as { headers?: Record<string, string> } | undefined)?.headers?.[
    'content-length'
  ];
  return length ? Number(length) : 0;
}

/** Every scope's tallies added together, by kind. */
export function totalsOf(scoped: ScopedCallTallies): CallTallies {
  const out: CallTallies = {};
  for (const kinds of Object.values(scoped)) {
    for (const [kind, t] of Object.entries(kinds)) {
      const sum = (out[kind] ??= { calls: 0, writeItems: 0, requestBytes: 0, maxRequestBytes: 0 });
      sum.calls += t.calls;
      sum.writeItems += t.writeItems;
      sum.requestBytes += t.requestBytes;
      sum.maxRequestBytes = Math.max(sum.maxRequestBytes, t.maxRequestBytes);
    }
  }
  return out;
}

/** Summed over the kinds whose name starts with `prefix` (`DynamoDB.`, `S3.PutObject`). */
export function sumOf(
  tallies: CallTallies | undefined,
  prefix: string,
  field: keyof CallTally = 'calls',
): number {
  return Object.entries(tallies ?? {})
    .filter(([kind]) => kind.startsWith(prefix))
    .reduce((n, [, t]) => n + t[field], 0);
}
