import * as z from 'zod';
import { ChapterSchema, StoryboardSchema } from '@storyboard/domain';

/** The storyboard's item `JOB#{id}` / `STORYBOARD`: everything but the scenes, how many
 * scenes each chapter has, and where each scene item starts (`items`: `[chapter, scene]`
 * of its first scene, in order), so a reader knows exactly which items hold a chapter and a
 * shorter re-save which items are stale. Headers written before scenes were packed have no
 * `items`: their scenes are one item each. Built from the domain's storyboard schema, which
 * parses it when it is read. */
export const StoryboardHeaderSchema = StoryboardSchema.omit({ chapters: true }).extend({
  chapters: z.array(
    ChapterSchema.omit({ scenes: true }).extend({ sceneCount: z.number().int().nonnegative() }),
  ),
  items: z.array(z.tuple([z.number().int().positive(), z.number().int().positive()])).optional(),
});
export type StoryboardHeader = z.infer<typeof StoryboardHeaderSchema>;
