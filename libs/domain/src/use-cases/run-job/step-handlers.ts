import type { AnalysisJob } from '../../job/analysis-job';
import type { StepName } from '../../pipeline/pipeline';
import type { StoryboardRepository } from '../../ports/storyboard-repository.port';
import type { ChunkPlan } from '../../storyboard/chunk-plan.schema';
import type { ChunkProgress } from './chunk-progress';
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

/** What one run's chunks share (made by `pass`, handed to each `run`); the runner calls
 * `finish` once, after the last chunk of the run and before it moves on or yields. */
export interface ChunkPass {
  finish(): Promise<void>;
}

/** Runs once per chunk; `done` lists the chunks already finished (a resumed run skips them).
 * `pass`, when given, prepares what a run's chunks share (the plan, coalesced progress) and
 * the runner passes it to `run`; a `run` called without it works alone. */
export interface PerChunkStepHandler {
  perChunk: true;
  run(jobId: string, chunkIndex: number, pass?: ChunkPass): Promise<void>;
  done(jobId: string): Promise<readonly number[]>;
  pass?(jobId: string, chunkCount: number, done: number): Promise<ChunkPass>;
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
    // Its chunks follow in this process: they take the texts it wrote instead of reading them.
    prepare: { perChunk: false, run: (jobId) => steps.prepare(jobId, { keepChunkTexts: true }) },
    'analyze-chunk': {
      perChunk: true,
      run: (jobId, chunkIndex, pass) =>
        pass instanceof AnalyzePass
          ? pass.analyze(chunkIndex)
          : steps.analyzeChunk(jobId, chunkIndex),
      done: (jobId) => storyboards.listFragmentIndexes(jobId),
      // The runner's chunks share one plan read and write progress at most once a second.
      pass: async (jobId, chunkCount, done) =>
        new AnalyzePass(
          steps,
          jobId,
          await steps.requirePlan(jobId),
          steps.chunkProgress(jobId, chunkCount, done),
        ),
    },
    assemble: { perChunk: false, run: (jobId) => steps.assemble(jobId) },
    complete: { perChunk: false, run: async (jobId) => ({ job: await steps.complete(jobId) }) },
  };
}

/** The in-process runner's pass over a job's chunks: one plan, coalesced progress. */
class AnalyzePass implements ChunkPass {
  constructor(
    private readonly steps: JobSteps,
    private readonly jobId: string,
    private readonly plan: ChunkPlan,
    private readonly progress: ChunkProgress,
  ) {}

  async analyze(chunkIndex: number): Promise<void> {
    const spent = await this.steps.analyzePlannedChunk(this.jobId, this.plan, chunkIndex);
    await this.progress.chunkDone(spent);
  }

  finish(): Promise<void> {
    this.steps.keptTexts.drop(this.jobId);
    return this.progress.flush();
  }
}
