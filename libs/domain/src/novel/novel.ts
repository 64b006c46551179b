import { ValidationError } from '../errors';
import type { Language } from '../storyboard/storyboard.schema';

/** `awaiting-upload`: created for a presigned upload, text not there yet. */
export type NovelStatus = 'awaiting-upload' | 'ready';

export interface Novel {
  id: string;
  ownerId: string;
  title: string;
  status: NovelStatus;
  language: Language | null;
  encoding: string | null;
  sizeBytes: number;
  /** UTF-16 length of the normalized text, once known. */
  length: number | null;
  /** NovelTextStore key of the uploaded bytes: `novels/{ownerId}/{novelId}`. */
  textKey: string;
  createdAt: string;
  latestJobId: string | null;
}

/** A key segment that cannot leave its prefix: no `/`, not `.` or `..`, not empty. */
function segment(value: string, what: string): string {
  if (!value || value.includes('/') || /^\.+$/.test(value)) {
    throw new ValidationError(`The ${what} cannot be part of a storage key.`);
  }
  return value;
}

export const novelTextKey = (ownerId: string, novelId: string): string =>
  `novels/${segment(ownerId, 'user id')}/${segment(novelId, 'novel id')}`;

/** Chunk texts cut by `prepare`, so each chunk step reads only its own slice. A prefix of
 * their own (not under `jobs/`, where storyboard overflow items live) so the bucket's
 * lifecycle rule can expire them (apps/infra). */
export const chunkTextKey = (jobId: string, chunkIndex: number): string =>
  `chunks/${segment(jobId, 'job id')}/${String(chunkIndex).padStart(5, '0')}.txt`;
