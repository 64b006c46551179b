import * as z from 'zod';

/** The body of a job message on the queue: ids only, never text (SQS caps a message at
 * 256 KB). The worker parses every body with this; one that fails is logged and acknowledged. */
export const JobMessageSchema = z.object({
  jobId: z.string().min(1),
  attempt: z.number().int().positive(),
});
export type JobMessage = z.infer<typeof JobMessageSchema>;
