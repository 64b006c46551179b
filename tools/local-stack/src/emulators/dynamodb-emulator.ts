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
  const port = await listen(server);
  return { endpoint: endpointOf(port), close: () => closeServer(server) };
}
