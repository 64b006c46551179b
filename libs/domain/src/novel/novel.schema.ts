import * as z from 'zod';
import { LanguageSchema } from '../storyboard/storyboard.schema';
import type { Novel } from './novel';

/** A novel as stored: adapters parse what they read with it, so a corrupt row is a
 * `StorageCorruptError` instead of a half-typed object. Unknown attributes (table keys) are
 * dropped. */
export const NovelSchema: z.ZodType<Novel> = z.object({
  id: z.string().min(1),
  ownerId: z.string().min(1),
  title: z.string(),
  status: z.enum(['awaiting-upload', 'ready']),
  language: LanguageSchema.nullable(),
  encoding: z.string().nullable(),
  sizeBytes: z.number().int().nonnegative(),
  length: z.number().int().nonnegative().nullable(),
  textKey: z.string().min(1),
  createdAt: z.string().min(1),
  latestJobId: z.string().min(1).nullable(),
});
