import { parentPort, workerData } from 'node:worker_threads';
import type { StorageEmulatorsOptions, StorageThreadMessage } from './storage-emulators';
import { startHere } from './storage-emulators';

/** The worker thread of `startStorageEmulators`: starts DynamoDB and S3 here, posts their
 * endpoints, and closes them when the parent posts `close`. */
const port = parentPort;
if (!port) throw new Error('storage-emulators.worker.ts runs only as a worker thread.');
const post = (message: StorageThreadMessage): void => port.postMessage(message);

/** dynalite's answer to a request that meets its store while it closes. */
const CLOSED_STORE = 'Database is closed';

try {
  const emulators = await startHere(workerData as StorageEmulatorsOptions);
  port.once('message', () => {
    // A request still in flight when the stack stops meets the closing store, and dynalite
    // leaves that rejection unhandled: its client sees the connection close, which is what
    // stopping means (the step fails retryable, the next start resumes it). Anything else
    // still fails the thread, and the parent reports it.
    process.on('unhandledRejection', (reason) => {
      if (!(reason instanceof Error && reason.message === CLOSED_STORE)) throw reason;
    });
    emulators.close().then(
      () => post({ type: 'closed' }),
      (err: unknown) => post({ type: 'closed', error: String(err) }),
    );
  });
  post({ type: 'ready', dynamodb: emulators.dynamodb.endpoint, s3: emulators.s3.endpoint });
} catch (err) {
  const error = err instanceof Error ? err : new Error(String(err));
  post({ type: 'failed', message: error.message, stack: error.stack });
}
