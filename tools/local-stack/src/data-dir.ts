import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a run records in its data folder while it uses it. */
interface Marker {
  pid: number;
  startedAt: string;
}

export interface DataDirClaim {
  /** The earlier run that did not stop cleanly (killed, crashed), if any. */
  crashed?: Marker;
  /** Removes the marker: the folder was left cleanly. */
  release(): Promise<void>;
}

const MARKER = 'in-use.json';

/** Whether a process with this pid is alive (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims a data folder for this process. A marker left by a live process means another run
 * is using the folder: refused (its store would be opened twice). A marker left by a dead one
 * means that run crashed: reported, so the caller recovers its unfinished jobs rather than
 * reusing the folder blindly.
 */
export async function claimDataDir(dir: string): Promise<DataDirClaim> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, MARKER);
  let previous: Marker | undefined;
  try {
    previous = JSON.parse(await readFile(file, 'utf8')) as Marker;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (previous && previous.pid !== process.pid && alive(previous.pid)) {
    throw new Error(
      `The data folder ${dir} is in use by process ${previous.pid} (since ${previous.startedAt}): stop it first, or use another folder.`,
    );
  }
  const mine: Marker = { pid: process.pid, startedAt: new Date().toISOString() };
  await writeFile(file, JSON.stringify(mine));
  return {
    crashed: previous,
    release: () => rm(file, { force: true }),
  };
}
