import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RunningEmulator } from './dynamodb-emulator';
import { startDynamoDbEmulator } from './dynamodb-emulator';
import { startS3Emulator } from './s3-emulator';

export interface StorageEmulatorsOptions {
  dynamodb: { persistDir?: string };
  s3: { bucket: string; directory?: string };
  /** Run both emulators in a worker thread of this process rather than on the caller's
   * thread (default false; see `startStorageEmulators`). */
  thread?: boolean;
}

export interface StorageEmulators {
  dynamodb: { endpoint: string };
  s3: { endpoint: string };
  /** Closes both (and ends their thread); rejects with the thread's failure if it died. */
  close(): Promise<void>;
}

/** What the worker posts: its endpoints, a start failure, or the end of `close`. */
export type StorageThreadMessage =
  | { type: 'ready'; dynamodb: string; s3: string }
  | { type: 'failed'; message: string; stack?: string }
  | { type: 'closed'; error?: string };

/**
 * DynamoDB (dynalite) and S3 (s3rver) for a local stack, on the caller's thread, or with
 * `thread: true` in a worker thread of this process: on AWS the storage services run
 * elsewhere, so their CPU (request parsing, dynalite's item store, CRC32s, s3rver's routing)
 * is not the app's, and in a thread it can overlap the app's on a multi-core machine. The
 * app reaches them over HTTP on 127.0.0.1 either way. Not the default: measured on a shared
 * 2-core machine (load 8-14), every call then waits for the other thread to be scheduled
 * (job times up to several times longer), and a 45 MB book's CLI run peaked at 734 MiB
 * RSS, against 587 MiB measured before with the emulators on the app's thread.
 */
export async function startStorageEmulators(
  options: StorageEmulatorsOptions,
): Promise<StorageEmulators> {
  if (!options.thread) return startHere(options);
  return startInThread(options);
}

/** Both emulators on this thread; if one fails to start, the other is closed. */
export async function startHere(options: StorageEmulatorsOptions): Promise<StorageEmulators> {
  const started = await Promise.allSettled([
    startDynamoDbEmulator(options.dynamodb),
    startS3Emulator(options.s3),
  ]);
  const up = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) {
    await Promise.allSettled(up.map((e) => e.close()));
    throw failed.reason;
  }
  const [dynamodb, s3] = up as [RunningEmulator, RunningEmulator];
  return {
    dynamodb: { endpoint: dynamodb.endpoint },
    s3: { endpoint: s3.endpoint },
    close: async () => {
      const closed = await Promise.allSettled([dynamodb.close(), s3.close()]);
      const error = closed.find((r) => r.status === 'rejected');
      if (error) throw error.reason;
    },
  };
}

const WORKER_FILE = fileURLToPath(new URL('./storage-emulators.worker.ts', import.meta.url));

/** The worker runs TypeScript: it inherits this process's options when they load tsx (the
 * CLI, `npm start`, the benches), and is given tsx's loader when something else compiles
 * this process's TypeScript (vitest). Inheriting, unlike passing `process.execArgv`, also
 * accepts V8 options such as `--max-old-space-size`. */
function workerExecArgv(): string[] | undefined {
  if (process.execArgv.some((a) => a.includes('tsx'))) return undefined;
  const loader = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(loader).href];
}

async function startInThread(options: StorageEmulatorsOptions): Promise<StorageEmulators> {
  const { thread: _thread, ...workerData } = options;
  const worker = new Worker(WORKER_FILE, { workerData, execArgv: workerExecArgv() });
  let failure: Error | undefined;
  const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
  worker.on('error', (err) => {
    failure ??= new Error(`The DynamoDB/S3 emulator thread failed: ${err.message}`, {
      cause: err,
    });
    // Nothing else would say why every DynamoDB and S3 call now fails to connect.
    process.stderr.write(`${failure.message}\n`);
  });
  const first = await Promise.race([
    nextMessage(worker),
    exited.then((code) => {
      throw (
        failure ??
        new Error(`The DynamoDB/S3 emulator thread exited (code ${code}) before it started.`)
      );
    }),
  ]);
  if (first.type !== 'ready') {
    await worker.terminate();
    throw new Error(
      `The DynamoDB/S3 emulators did not start: ${first.type === 'failed' ? first.message : first.type}`,
    );
  }
  let closing: Promise<void> | undefined;
  return {
    dynamodb: { endpoint: first.dynamodb },
    s3: { endpoint: first.s3 },
    close: () =>
      (closing ??= (async () => {
        if (!failure) {
          const reply = nextMessage(worker);
          worker.postMessage('close');
          const closed = await Promise.race([reply, exited.then(() => undefined)]);
          if (closed?.type === 'closed' && closed.error) {
            failure = new Error(`The DynamoDB/S3 emulators did not close cleanly: ${closed.error}`);
          }
        }
        await worker.terminate();
        if (failure) throw failure;
      })()),
  };
}

function nextMessage(worker: Worker): Promise<StorageThreadMessage> {
  return new Promise((resolve) => worker.once('message', resolve));
}
