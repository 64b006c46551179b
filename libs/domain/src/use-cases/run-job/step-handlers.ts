import type { AnalysisJob } from '../../job/analysis-job';
import type { StepName } from '../../pipeline/pipeline';
import type { StoryboardRepository } from '../../ports/storyboard-repository.port';
import type { JobSteps } from './job-steps';

/** What a once-per-job step may tell the runner. */
export interface StepOutcome {
  /** How many chunks the per-chunk steps iterate (the step that plans them says so). */
  chunkCount?: number;
  /** The job as the step left it; the last step's gives the run's final status. */
  job?: AnalysisJob;
}

/** Runs once per job. */
export interface OnceStepHandler {
  perChunk: false;
  run(jobId: string): Promise<StepOutcome | void>;
}

/** Runs once per chunk; `done` lists the chunks already finished (a resumed run skips them). */
export interface PerChunkStepHandler {
  perChunk: true;
  run(jobId: string, chunkIndex: number): Promise<void>;
  done(jobId: string): Promise<readonly number[]>;
}

export type StepHandler = OnceStepHandler | PerChunkStepHandler;

/** One handler per pipeline step, by step name: adding a step to `PIPELINE` is a type error
 * here until it has its entry. */
export type StepHandlers<Name extends string = StepName> = Record<Name, StepHandler>;

/** The in-process handlers of the domain's `PIPELINE`, over the job's steps. */
export function createStepHandlers(
  steps: JobSteps,
  storyboards: StoryboardRepository,
): StepHandlers {
  return {
    prepare: { perChunk: false, run: (jobId) => steps.prepare(jobId) },
    'analyze-chunk': {
      perChunk: true,
      run: (jobId, chunkIndex) => steps.analyzeChunk(jobId, chunkIndex),
      done: (jobId) => storyboards.listFragmentIndexes(jobId),
    },
    assemble: { perChunk: false, run: (jobId) => steps.assemble(jobId) },
    complete: { perChunk: false, run: async (jobId) => ({ job: await steps.complete(jobId) }) },
  };
}
