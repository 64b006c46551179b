import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { fakeQwenApp } from './fake-qwen-app';
import { FakeQwenOptionsSchema, type FakeQwenOptions, type FakeQwenOptionsInput } from './options';
import { RequestLog, type FakeQwenRequest } from './request-log';

export interface FakeQwen {
  /** The OpenAI base URL to give a client: `http://127.0.0.1:<port>/v1`. */
  url: string;
  port: number;
  options: FakeQwenOptions;
  /** Every request so far, in arrival order. */
  requests: FakeQwenRequest[];
  close(): Promise<void>;
}

export interface FakeQwenTiming {
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const sleepFor = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), {
      once: true,
    });
  });

/** Starts the fake on 127.0.0.1 (a free port unless `port` is given). */
export async function startFakeQwen(
  input: FakeQwenOptionsInput = {},
  timing: FakeQwenTiming = {},
): Promise<FakeQwen> {
  const options = FakeQwenOptionsSchema.parse(input);
  const log = new RequestLog(options.logFile);
  const closing = new AbortController();
  const app = fakeQwenApp({
    options,
    log,
    now: timing.now ?? (() => performance.now()),
    sleep: timing.sleep ?? sleepFor,
    closing: closing.signal,
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    options,
    requests: log.entries,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort(new Error('fake-qwen closing'));
        if (!server.listening) return resolve();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
