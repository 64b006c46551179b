import { describe, expect, it } from 'vitest';
import { JobMessageSchema } from './job-message.schema';

describe('JobMessageSchema', () => {
  it('accepts {jobId, attempt}', () => {
    expect(JobMessageSchema.parse({ jobId: 'j1', attempt: 1 })).toEqual({
      jobId: 'j1',
      attempt: 1,
    });
  });

  it('refuses a body without a job id or with a bad attempt', () => {
    expect(JobMessageSchema.safeParse({ attempt: 1 }).success).toBe(false);
    expect(JobMessageSchema.safeParse({ jobId: 'j1', attempt: 0 }).success).toBe(false);
    expect(JobMessageSchema.safeParse('j1').success).toBe(false);
  });
});
