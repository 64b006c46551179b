import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Every emulator binds here only: nothing is reachable from outside the machine. */
export const LOCAL_HOST = '127.0.0.1';

/** How long an emulator keeps an idle keep-alive socket. Node's default (5 s) closed sockets
 * the SDK clients still held between a job's rounds of calls: the next request on one failed
 * with ECONNRESET and the SDK retried it. */
export const IDLE_SOCKET_MS = 60_000;

/** Keeps `server`'s idle sockets `IDLE_SOCKET_MS` (and waits as long for request headers). */
export function keepIdleSockets(server: Server): void {
  server.keepAliveTimeout = IDLE_SOCKET_MS;
  server.headersTimeout = Math.max(server.headersTimeout, IDLE_SOCKET_MS + 1_000);
}

/** Listens on 127.0.0.1 and a free port (or `port`), keeping idle sockets; resolves with the
 * port. */
export function listen(server: Server, port = 0): Promise<number> {
  keepIdleSockets(server);
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, LOCAL_HOST, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting connections and drops the open ones (SDK clients keep sockets alive). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

export const endpointOf = (port: number): string => `http://${LOCAL_HOST}:${port}`;
