import type * as z from 'zod';
import { StorageCorruptError } from '@storyboard/domain';
import type { Item } from './dynamodb-table';

/**
 * Parses an item read from the table with the domain's schema for `what` (a job, a novel…).
 * A row that does not fit is a `StorageCorruptError` (permanent) naming the row's keys and
 * the first problems, never an object cast to a type it does not have.
 */
export function parseStoredRow<T>(schema: z.ZodType<T>, item: Item, what: string): T {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`)
    .join('; ');
  throw new StorageCorruptError(
    `The stored ${what} ${String(item.PK)} / ${String(item.SK)} is corrupt (${problems}). It was not written by this app's adapters: restore or delete the item.`,
  );
}
