import type { JobStatus } from '../../job/analysis-job';
import type { PipelineStep } from '../../pipeline/pipeline';
import { PIPELINE } from '../../pipeline/pipeline';
import type { StoryboardRepository } from '../../ports/storyboard-repository.port';
import type { JobRepository } from '../../ports/job-repository.port';
import { JobEndedError, JobNotFoundError, toDomainError } from '../../errors';
import type { JobSteps } from './job-steps';
import type { JobLeases, LeaseHold } from '../../job/job-leases';
import type { ChunkPass, PerChunkStepHandler, StepHandler, StepHandlers } from './step-handlers';
import { forEachLimit } from './for-each-limit';
import { createStepHandlers } from './step-handlers';

export type RunOutcome =
  | { kind: 'ended'; status: JobStatus }
  /** `shouldContinue` said stop: progress is saved, run again to resume. */
  | { kind: 'yielded'; chunksDone: number; chunksTotal: number };

export interface RunJobInput {
  jobId: string;
  /** Asked before each chunk after the first one this run did, and before the step after the
   * chunks; returning false stops the run early with `yielded` (e.g. a Lambda whose remaining
   * time runs low). */
  shouldContinue?: () => boolean;
}

/** Another pipeline than the domain's (tests of the runner itself). */
export interface RunJobPipeline<Name extends string = string> {
  steps: readonly PipelineStep<Name>[];
  handlers: StepHandlers<Name>;
}

/** State of one run, shared by the steps it walks. */
interface RunState {
  jobId: string;
  shouldContinue: () => boolean;
  chunkCount: number;
  /** Chunks finished by the per-chunk step being walked (and, after it, by the last one). */
  chunksDone: number;
  /** At least one chunk ran in this run: from then on the run may yield. */
  worked: boolean;
  /** The attempt's lease while the run holds one. */
  lease?: LeaseHold;
}

/**
 * Walks the pipeline in this process, step by step as `PIPELINE` lists them: a once-per-job
 * step runs once; a per-chunk step runs for every chunk not yet done. Resumable: a second run
 * after a crash skips what the first one saved. Throws what the steps throw, except
 * `JobEndedError` (cancelled or already finished), which ends the run quietly. Used by the
 * `sync` and `fire-and-forget` backends and the SQS worker.
 */
export class RunJob {
  private readonly pipeline: readonly (readonly [PipelineStep<string>, StepHandler])[];
  private readonly concurrency: number;
  private readonly leases?: JobLeases;

  constructor(
    private readonly steps: JobSteps,
    storyboards: StoryboardRepository,
    private readonly jobs: JobRepository,
    pipeline: RunJobPipeline = {
      steps: PIPELINE,
      handlers: createStepHandlers(steps, storyboards),
    },
    options: {
      /** Chunks analyzed at once (`LLM_CONCURRENCY`; default 1). */
      concurrency?: number;
      /** When given, the run holds the attempt's lease (taken at start, renewed after each
       * chunk and on a timer), so the sweeper can tell it from an abandoned one. */
      leases?: JobLeases;
    } = {},
  ) {
    this.pipeline = pipeline.steps.map((step) => [step, handlerFor(pipeline, step)] as const);
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    this.leases = options.leases;
  }

  async execute(input: RunJobInput): Promise<RunOutcome> {
    if (!this.leases) return this.walk(input);
    try {
      return await this.leases.hold(input.jobId, (lease) => this.walk(input, lease));
    } catch (err) {
      // The lease is refused for a job that has ended: the run ends quietly, as below.
      if (err instanceof JobEndedError) {
        return { kind: 'ended', status: (await this.requireJob(input.jobId)).status };
      }
      throw err;
    }
  }

  private async walk(
    { jobId, shouldContinue = () => true }: RunJobInput,
    lease?: LeaseHold,
  ): Promise<RunOutcome> {
    const run: RunState = {
      jobId,
      shouldContinue,
      chunkCount: 0,
      chunksDone: 0,
      worked: false,
      lease,
    };
    try {
      let status: JobStatus | undefined;
      let previous: PipelineStep<string> | undefined;
      for (const [step, handler] of this.pipeline) {
        // Every run does at least one chunk before it may yield, so a run that starts with
        // too little time left still moves the job forward instead of re-enqueueing forever.
        if (previous?.perChunk && run.worked && !shouldContinue()) return yielded(run);
        if (handler.perChunk) {
          if (!(await this.runPerChunk(handler, run))) return yielded(run);
        } else {
          const outcome = await handler.run(jobId);
          if (outcome?.chunkCount !== undefined) run.chunkCount = outcome.chunkCount;
          status = outcome?.job?.status;
        }
        previous = step;
      }
      return { kind: 'ended', status: status ?? (await this.requireJob(jobId)).status };
    } catch (err) {
      if (err instanceof JobEndedError) {
        return { kind: 'ended', status: (await this.requireJob(jobId)).status };
      }
      throw err;
    }
  }

  /** Runs `handler` for every chunk not yet done, up to `concurrency` at once; false if
   * `shouldContinue` stopped it. After the run's first chunk has started, a chunk starts only
   * while `shouldContinue` says there is time for it; chunks under way always finish, and
   * the pass's `finish` (the last progress) runs before the runner moves on or yields. */
  private async runPerChunk(handler: PerChunkStepHandler, run: RunState): Promise<boolean> {
    const done = new Set(await handler.done(run.jobId));
    const pending = Array.from({ length: run.chunkCount }, (_, i) => i).filter((i) => !done.has(i));
    run.chunksDone = done.size;
    const pass: ChunkPass | undefined = await handler.pass?.(run.jobId, run.chunkCount, done.size);
    const started = await forEachLimit(
      pending,
      this.concurrency,
      async (chunkIndex) => {
        await handler.run(run.jobId, chunkIndex, pass);
        run.chunksDone += 1;
        run.worked = true;
        await run.lease?.touch();
        // Let timers and I/O run between chunks: an in-process run (sync in an API server,
        // fire-and-forget) must not starve progress polls and other requests.
        await new Promise<void>((resolve) => setImmediate(resolve));
      },
      run.shouldContinue,
    );
    await pass?.finish();
    return started === pending.length;
  }

  private async requireJob(jobId: string) {
    const job = await this.jobs.get(jobId);
    if (!job) throw new JobNotFoundError(jobId);
    return job;
  }

  /** Runs to the end and marks the job failed on any error, so an in-process run never
   * leaves a job `running`. Returns the final status. */
  async executeToEnd(jobId: string): Promise<JobStatus> {
    try {
      const outcome = await this.execute({ jobId });
      if (outcome.kind === 'ended') return outcome.status;
      throw new Error('A run without a time budget cannot yield.');
    } catch (err) {
      const error = toDomainError(err);
      const job = await this.steps.fail(jobId, {
        code: error.code,
        message: error.message,
        retryable: error.retryable,
      });
      return job.status;
    }
  }
}

const yielded = (run: RunState): RunOutcome => ({
  kind: 'yielded',
  chunksDone: run.chunksDone,
  chunksTotal: run.chunkCount,
});

/** The handler of `step`; a pipeline step without one (or of the wrong kind) is a
 * programming error, refused when the runner is built rather than skipped at run time. */
function handlerFor(pipeline: RunJobPipeline, step: PipelineStep<string>): StepHandler {
  const handler = pipeline.handlers[step.name];
  if (!handler) throw new Error(`Pipeline step "${step.name}" has no in-process handler.`);
  if (handler.perChunk !== step.perChunk) {
    throw new Error(
      `Pipeline step "${step.name}" is ${step.perChunk ? '' : 'not '}per chunk, but its handler is ${handler.perChunk ? '' : 'not '}.`,
    );
  }
  return handler;
}
