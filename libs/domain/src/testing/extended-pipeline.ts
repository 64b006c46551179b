import type { PipelineStep } from '../pipeline/pipeline';
import { PIPELINE } from '../pipeline/pipeline';

/** The name of the step `EXTENDED_PIPELINE` adds. */
export const EXTRA_STEP = 'review' as const;

/**
 * `PIPELINE` with one more step (`review`, once per job, before `complete`): tests use it to
 * show that a step added to the pipeline runs on the in-process runner and appears in the
 * generated state machine, i.e. that no backend names the steps itself.
 */
export const EXTENDED_PIPELINE: readonly PipelineStep<string>[] = PIPELINE.flatMap((step) =>
  step.name === 'complete'
    ? [
        {
          name: EXTRA_STEP,
          progress: { from: 99, to: 99 },
          perChunk: false,
          retryOn: step.retryOn,
        },
        step,
      ]
    : [step],
);
