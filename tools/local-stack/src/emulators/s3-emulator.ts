import { mkdir } from 'node:fs/promises';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { RunningEmulator } from './dynamodb-emulator';
import { closeServer, endpointOf, keepIdleSockets, LOCAL_HOST } from './http-server';
import type { S3MemoryStoreOptions } from './s3-memory-store';
import { S3MemoryStore } from './s3-memory-store';

/** The access key s3rver checks signatures against (presigned URLs included). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** An SDK client for an s3rver at `endpoint`: path-style addressing, and checksums only
 * where S3 requires them (with the SDK's default checksums s3rver stores the chunked-upload
 * framing inside the object; TOOLCHAIN.md). */
export function s3ClientFor(endpoint: string, region = 'us-east-1'): S3Client {
  return new S3Client({
    region,
    credentials: S3RVER_CREDENTIALS,
    endpoint,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Never created or read: s3rver wants a folder, the in-memory store replaces its use. */
const NO_DIRECTORY = '/nonexistent/storyboard-s3-in-memory';

/** s3rver with its file store over `directory` (kept between runs), or else with its
 * objects in memory (`S3MemoryStore`: s3rver's protocol handling; objects over 1 MiB in a
 * temporary folder), gone on close. */
export async function startS3Emulator(options: {
  bucket: string;
  directory?: string;
  /** The in-memory store's settings (when no directory is kept). */
  memoryStore?: S3MemoryStoreOptions;
}): Promise<RunningEmulator> {
  if (options.directory !== undefined) await mkdir(options.directory, { recursive: true });
  const s3rver = new S3rver({
    address: LOCAL_HOST,
    port: 0,
    silent: true,
    directory: options.directory ?? NO_DIRECTORY,
    configureBuckets: [{ name: options.bucket }],
  });
  const memory =
    options.directory === undefined ? new S3MemoryStore(options.memoryStore) : undefined;
  if (memory) s3rver.store = s3rver.context.store = memory;
  const { port } = await s3rver.run();
  if (s3rver.httpServer) keepIdleSockets(s3rver.httpServer);
  return {
    endpoint: endpointOf(port),
    close: async () => {
      if (s3rver.httpServer) await closeServer(s3rver.httpServer);
      await memory?.close();
    },
  };
}
