import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { RunningEmulator } from './dynamodb-emulator';
import { closeServer, endpointOf, LOCAL_HOST } from './http-server';

/** The access key s3rver checks signatures against (presigned URLs included). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Where an unkept store lives: RAM (tmpfs) where the machine has it, since s3rver only
 * stores files; else the temp folder. */
const SCRATCH_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/** s3rver over `directory` (kept), or over a fresh temporary folder in memory (tmpfs) where
 * there is one, deleted on close. */
export async function startS3Emulator(options: {
  bucket: string;
  directory?: string;
}): Promise<RunningEmulator> {
  const keep = options.directory !== undefined;
  const directory = options.directory ?? (await mkdtemp(join(SCRATCH_ROOT, 'storyboard-s3-')));
  if (keep) await mkdir(directory, { recursive: true });
  const cleanup = () =>
    keep ? Promise.resolve() : rm(directory, { recursive: true, force: true });
  const s3rver = new S3rver({
    address: LOCAL_HOST,
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: options.bucket }],
  });
  try {
    const { port } = await s3rver.run();
    return {
      endpoint: endpointOf(port),
      close: async () => {
        if (s3rver.httpServer) await closeServer(s3rver.httpServer);
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
