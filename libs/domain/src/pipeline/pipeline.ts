import { RETRYABLE_ERROR_NAMES } from '../errors';

export type StepName = 'prepare' | 'analyze-chunk' | 'assemble' | 'complete';

export interface PipelineStep<Name extends string = StepName> {
  name: Name;
  /** Progress (percent) when the step starts and when it has finished. */
  progress: { from: number; to: number };
  /** Runs once per chunk of the plan (a Map state on Step Functions). */
  perChunk: boolean;
  /** Error names worth retrying with backoff; anything else fails the job. Derived from the
   * error classes (`RETRYABLE_ERROR_NAMES`), never listed by hand. */
  retryOn: readonly string[];
}

/** The one definition of the job every backend runs: the in-process runner (`RunJob`) walks it
 * in order, dispatching each step by name to its handler (`createStepHandlers`), and the Step
 * Functions state machine is generated from it. */
export const PIPELINE: readonly PipelineStep[] = [
  {
    name: 'prepare',
    progress: { from: 0, to: 10 },
    perChunk: false,
    retryOn: RETRYABLE_ERROR_NAMES,
  },
  {
    name: 'analyze-chunk',
    progress: { from: 10, to: 90 },
    perChunk: true,
    retryOn: RETRYABLE_ERROR_NAMES,
  },
  {
    name: 'assemble',
    progress: { from: 90, to: 99 },
    perChunk: false,
    retryOn: RETRYABLE_ERROR_NAMES,
  },
  {
    name: 'complete',
    progress: { from: 99, to: 100 },
    perChunk: false,
    retryOn: RETRYABLE_ERROR_NAMES,
  },
];

/** Runs when a step fails permanently or its retries are exhausted. */
export const FAIL_STEP = 'fail' as const;

export function pipelineStep(name: StepName): PipelineStep {
  const step = PIPELINE.find((s) => s.name === name);
  if (!step) throw new Error(`No pipeline step named ${name}`);
  return step;
}

/** Progress while chunks are being analyzed: the analyze step's range, split evenly. */
export function chunkProgress(done: number, total: number): number {
  const { from, to } = pipelineStep('analyze-chunk').progress;
  if (total === 0) return to;
  return from + ((to - from) * done) / total;
}
