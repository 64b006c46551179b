import { createSqsServer } from 'local-aws-sqs';
import { closeServer, endpointOf, keepIdleSockets, LOCAL_HOST } from './http-server';
import type { RunningEmulator } from './dynamodb-emulator';

/** local-aws-sqs on a free port. Queues are created afterwards through the SDK, like on AWS. */
export async function startSqsEmulator(options: {
  region: string;
  accountId: string;
}): Promise<RunningEmulator> {
  const server = await createSqsServer({
    port: 0,
    hostname: LOCAL_HOST,
    region: options.region,
    accountId: options.accountId,
    // A stack started twice in one process may reuse queue names at once.
    emulateQueueCreationLifecycle: false,
  });
  keepIdleSockets(server);
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('local-aws-sqs did not listen');
  return { endpoint: endpointOf(address.port), close: () => closeServer(server) };
}
