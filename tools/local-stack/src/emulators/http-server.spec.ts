import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { closeServer, IDLE_SOCKET_MS, listen } from './http-server';

describe('listen', () => {
  it("keeps idle keep-alive sockets a minute, not Node's 5 s, so SDK clients' sockets stay usable between rounds", async () => {
    const server = createServer((_req, res) => res.end());
    await listen(server);
    try {
      expect(server.keepAliveTimeout).toBe(IDLE_SOCKET_MS);
      expect(IDLE_SOCKET_MS).toBeGreaterThanOrEqual(60_000);
      expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
    } finally {
      await closeServer(server);
    }
  });
});
