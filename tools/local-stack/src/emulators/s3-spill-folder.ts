import { createHash } from 'node:crypto';
import { rmSync, unlinkSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

/** An object's bytes kept in a file of the spill folder. */
export interface SpilledFile {
  path: string;
  size: number;
}

/** Bytes taken in: in memory, or in a file when larger than the limit. */
export interface TakenBytes {
  content: Buffer | SpilledFile;
  size: number;
  md5: string;
}

type Source = Buffer | AsyncIterable<Buffer | string>;

async function writeAll(file: FileHandle, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length;) {
    at += (await file.write(bytes, at, bytes.length - at)).bytesWritten;
  }
}

/**
 * A temporary folder (under `os.tmpdir()`, made at the first spill) for the objects of the
 * in-memory S3 store that are too large to keep in this process's memory. One file per
 * object version (a new name for each write, so a read that has opened a file keeps its
 * bytes when the key is written again or deleted). Removed by `close`, by `clear`, and at
 * process exit if the stack was never closed.
 */
export class SpillFolder {
  private folder: Promise<string> | undefined;
  /** The folder's path once made (what `clear` removes synchronously, e.g. at exit). */
  private made: string | undefined;
  private written = 0;
  private readonly removeAtExit = (): void => this.clear();

  constructor(private readonly parent: string = tmpdir()) {}

  /** Reads `source` whole: kept as a Buffer while it is at most `limit` bytes, else
   * streamed on into a new file (never more than `limit` bytes held at once). */
  async take(source: Source, limit: number): Promise<TakenBytes> {
    const hash = createHash('md5');
    const held: Buffer[] = [];
    let size = 0;
    let file: { handle: FileHandle; path: string } | undefined;
    try {
      for await (const part of Buffer.isBuffer(source) ? [source] : source) {
        const chunk = typeof part === 'string' ? Buffer.from(part) : part;
        hash.update(chunk);
        size += chunk.length;
        if (!file && size > limit) {
          file = await this.create();
          for (const earlier of held.splice(0)) await writeAll(file.handle, earlier);
        }
        if (file) await writeAll(file.handle, chunk);
        else held.push(chunk);
      }
    } catch (err) {
      if (file) {
        await file.handle.close();
        this.remove(file.path);
      }
      throw err;
    }
    await file?.handle.close();
    const content = file
      ? { path: file.path, size }
      : Buffer.isBuffer(source)
        ? source
        : Buffer.concat(held, size);
    return { content, size, md5: hash.digest('hex') };
  }

  /** A stream of bytes `start`..`end` (inclusive) of a spilled file, opened now: a later
   * removal of the file does not cut it short. Rejects with `ENOENT` if it is gone. */
  async read(file: SpilledFile, start: number, end: number): Promise<Readable> {
    const handle = await open(file.path, 'r');
    return handle.createReadStream({ start, end, autoClose: true });
  }

  /** Deletes a file no object uses any more (a missing file is not an error). */
  remove(path: string): void {
    try {
      unlinkSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }

  /** Removes the folder and everything in it, now (the next spill makes a new one). */
  clear(): void {
    const made = this.forget();
    if (made) rmSync(made, { recursive: true, force: true });
  }

  /** Removes the folder and everything in it. */
  async close(): Promise<void> {
    const folder = this.folder;
    this.forget();
    if (folder) await rm(await folder, { recursive: true, force: true });
  }

  private forget(): string | undefined {
    const made = this.made;
    this.folder = this.made = undefined;
    process.removeListener('exit', this.removeAtExit);
    return made;
  }

  private async create(): Promise<{ handle: FileHandle; path: string }> {
    if (!this.folder) {
      this.folder = mkdtemp(join(this.parent, 'storyboard-s3-'));
      process.once('exit', this.removeAtExit);
    }
    const folder = this.folder;
    const dir = await folder;
    if (this.folder === folder) this.made = dir;
    const path = join(dir, `${++this.written}.bin`);
    return { handle: await open(path, 'wx'), path };
  }
}
