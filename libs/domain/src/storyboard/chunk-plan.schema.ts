import * as z from 'zod';
import { LanguageSchema, SceneSchema, SpanSchema } from './storyboard.schema';

/** A named person or role the whole book was seen to mention, found once in `prepare` so every
 * chunk (and every generator, heuristic or LLM) labels the same people with the same ids. */
export const CastMemberSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
});
export type CastMember = z.infer<typeof CastMemberSchema>;

/** The part of one chapter that falls inside a chunk. A chapter longer than a chunk is cut at
 * paragraph boundaries into several sections, `part` 1, 2, … in order. */
export const ChunkSectionSchema = z.object({
  chapterIndex: z.number().int().positive(),
  title: z.string(),
  part: z.number().int().positive(),
  span: SpanSchema,
  /** Part 1 only: the cast id of whoever is still speaking where the chapter opens (a story told
   * over a chapter break), copied from the chapter outline; absent when nobody or unknown. */
  openSpeaker: z.string().min(1).optional(),
});
export type ChunkSection = z.infer<typeof ChunkSectionSchema>;

export const ChunkSpecSchema = z.object({
  index: z.number().int().nonnegative(),
  span: SpanSchema,
  sections: z.array(ChunkSectionSchema).min(1),
});
export type ChunkSpec = z.infer<typeof ChunkSpecSchema>;

export const ChapterOutlineSchema = z.object({
  index: z.number().int().positive(),
  title: z.string(),
  span: SpanSchema,
  /** The cast id of whoever is still speaking where the chapter opens (a story told over a
   * chapter break), found by the analyzer over the whole book so that a chunk starting here
   * knows it too; absent when nobody or unknown. Optional: older plans lack it. */
  openSpeaker: z.string().min(1).optional(),
});
export type ChapterOutline = z.infer<typeof ChapterOutlineSchema>;

/** What `prepare` saves: everything later steps need, and no novel text. */
export const ChunkPlanSchema = z.object({
  jobId: z.string().min(1),
  language: LanguageSchema,
  encoding: z.string().min(1),
  length: z.number().int().nonnegative(),
  chapters: z.array(ChapterOutlineSchema),
  cast: z.array(CastMemberSchema),
  chunks: z.array(ChunkSpecSchema),
});
export type ChunkPlan = z.infer<typeof ChunkPlanSchema>;

/** One chapter section as a generator storyboards it; scene and panel indexes are local and
 * renumbered by `assemble`; character ids are cast ids. */
export const FragmentSectionSchema = z.object({
  chapterIndex: z.number().int().positive(),
  part: z.number().int().positive(),
  scenes: z.array(SceneSchema),
});
export type FragmentSection = z.infer<typeof FragmentSectionSchema>;

/** Tokens an LLM generator spent on one chunk (every call for it, re-asks included). */
export const FragmentUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
});
export type FragmentUsage = z.infer<typeof FragmentUsageSchema>;

/** A generator's output for one chunk, saved under (jobId, chunkIndex). */
export const FragmentSchema = z.object({
  chunkIndex: z.number().int().nonnegative(),
  sections: z.array(FragmentSectionSchema),
  /** Mentions of each cast member in this chunk, keyed by cast id (absent = 0). */
  mentions: z.record(z.string(), z.number().int().nonnegative()),
  generator: z.string().min(1),
  /** Present when the generator is metered (an LLM); absent for the heuristic. */
  usage: FragmentUsageSchema.optional(),
});
export type Fragment = z.infer<typeof FragmentSchema>;
