import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import dynalite from 'dynalite';
import { closeServer, endpointOf, listen } from './http-server';

export interface RunningEmulator {
  endpoint: string;
  close(): Promise<void>;
}

/** dynalite, in memory or in a LevelDB folder; tables are ACTIVE at once (createTableMs 0). */
export async function startDynamoDbEmulator(options: {
  persistDir?: string;
}): Promise<RunningEmulator> {
  const server = dynalite({
    path: options.persistDir,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  bodiesInOnePiece(server);
  const port = await listen(server);
  return { endpoint: endpointOf(port), close: () => closeServer(server) };
}

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * dynalite collects a request body by concatenating each chunk that arrives onto all the
 * ones before (`Buffer.concat([body, data])`): quadratic in the body, and a BatchWrite of 25
 * items is 100+ KiB in 64 KiB-or-smaller chunks. Its handler is given the body whole
 * instead: the chunks are kept in an array and concatenated once, then handed to dynalite as
 * one `data` event of a stand-in request (dynalite reads only `headers`, `method` and `url`
 * of the request besides its events; its own 16 MiB limit still sees the whole length).
 */
export function bodiesInOnePiece(server: Server): void {
  const handlers = server.listeners('request') as RequestHandler[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const whole = Object.assign(new EventEmitter(), {
        headers: req.headers,
        method: req.method,
        url: req.url,
      }) as unknown as IncomingMessage;
      for (const handler of handlers) handler(whole, res);
      if (chunks.length > 0) {
        whole.emit('data', chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
      }
      whole.emit('end');
    });
  });
}
