import { describe, expectTypeOf, it } from 'vitest';
import type { ApiSchemas } from './storyboard-api-client';
import type { JobView } from './job-view';
import { TERMINAL_JOB_STATUSES } from './job-view';

// Checked by `tsc` (the project's typecheck): the hand-written view must accept what the
// API's OpenAPI document says a job is, so a schema change it misses fails the build.
describe('JobView', () => {
  it('accepts every job the API document describes', () => {
    expectTypeOf<ApiSchemas['Job']>().toExtend<JobView>();
    expectTypeOf<JobView['status']>().toEqualTypeOf<ApiSchemas['Job']['status']>();
    expectTypeOf(TERMINAL_JOB_STATUSES).toExtend<readonly ApiSchemas['Job']['status'][]>();
  });
});
