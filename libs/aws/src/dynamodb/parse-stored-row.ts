import type * as z from 'zod';
import { StorageCorruptError } from '@storyboard/domain';
import type { Item } from './dynamodb-table';

/**
 * Parses what was read from the table with the domain's schema for `what` (a job, a novel, a
 * scene…): the item itself, or the payload decoded from it (then `row` is the item, for its
 * keys). Data that does not fit is a `StorageCorruptError` (permanent) naming the row's keys
 * and the first problems, never an object cast to a type it does not have.
 */
export function parseStoredRow<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
  row: Item = value as Item,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`)
    .join('; ');
  throw corruptRow(row, what, problems);
}

/** The error for a row whose data cannot be read as `what`, for `reason`. */
export function corruptRow(row: Item, what: string, reason: string, cause?: unknown) {
  return new StorageCorruptError(
    `The stored ${what} ${String(row.PK)} / ${String(row.SK)} is corrupt (${reason}). It was not written by this app's adapters: restore or delete the item.`,
    cause === undefined ? undefined : { cause },
  );
}
