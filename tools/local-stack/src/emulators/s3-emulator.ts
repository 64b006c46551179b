import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';
import type { RunningEmulator } from './dynamodb-emulator';
import { closeServer, endpointOf, LOCAL_HOST } from './http-server';
import { S3MemoryStore } from './s3-memory-store';

/** The access key s3rver checks signatures against (presigned URLs included). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Never created or read: s3rver wants a folder, the in-memory store replaces its use. */
const NO_DIRECTORY = '/nonexistent/storyboard-s3-in-memory';

/** s3rver with its file store over `directory` (kept between runs), or else with its
 * objects in memory (`S3MemoryStore`: s3rver's protocol handling, no files), gone on close. */
export async function startS3Emulator(options: {
  bucket: string;
  directory?: string;
}): Promise<RunningEmulator> {
  if (options.directory !== undefined) await mkdir(options.directory, { recursive: true });
  const s3rver = new S3rver({
    address: LOCAL_HOST,
    port: 0,
    silent: true,
    directory: options.directory ?? NO_DIRECTORY,
    configureBuckets: [{ name: options.bucket }],
  });
  if (options.directory === undefined) s3rver.store = s3rver.context.store = new S3MemoryStore();
  const { port } = await s3rver.run();
  return {
    endpoint: endpointOf(port),
    close: async () => {
      if (s3rver.httpServer) await closeServer(s3rver.httpServer);
    },
  };
}
