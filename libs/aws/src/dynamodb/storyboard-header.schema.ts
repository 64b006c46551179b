import * as z from 'zod';
import { ChapterSchema, StoryboardSchema } from '@storyboard/domain';

/** The storyboard's item `JOB#{id}` / `STORYBOARD`: everything but the scenes, and how many
 * scenes each chapter has, so a reader knows exactly which scene items belong to it. Built
 * from the domain's storyboard schema, which parses it when it is read. */
export const StoryboardHeaderSchema = StoryboardSchema.omit({ chapters: true }).extend({
  chapters: z.array(
    ChapterSchema.omit({ scenes: true }).extend({ sceneCount: z.number().int().nonnegative() }),
  ),
});
export type StoryboardHeader = z.infer<typeof StoryboardHeaderSchema>;
