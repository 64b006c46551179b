import type { JobStatus } from '../../job/analysis-job';
import type { StoryboardRepository } from '../../ports/storyboard-repository.port';
import type { JobRepository } from '../../ports/job-repository.port';
import { JobEndedError, JobNotFoundError, toDomainError } from '../../errors';
import type { JobSteps } from './job-steps';

export type RunOutcome =
  | { kind: 'ended'; status: JobStatus }
  /** `shouldContinue` said stop: progress is saved, run again to resume. */
  | { kind: 'yielded'; chunksDone: number; chunksTotal: number };

export interface RunJobInput {
  jobId: string;
  /** Asked before each step after the first chunk; returning false stops the run early with
   * `yielded` (e.g. a Lambda whose remaining time runs low). */
  shouldContinue?: () => boolean;
}

/**
 * Walks the whole pipeline in this process: prepare, every chunk not yet saved, assemble,
 * complete. Resumable: a second run after a crash skips what the first one saved. Throws
 * what the steps throw, except `JobEndedError` (cancelled or already finished), which ends
 * the run quietly. Used by the `sync` and `fire-and-forget` backends and the SQS worker.
 */
export class RunJob {
  constructor(
    private readonly steps: JobSteps,
    private readonly storyboards: StoryboardRepository,
    private readonly jobs: JobRepository,
  ) {}

  async execute({ jobId, shouldContinue = () => true }: RunJobInput): Promise<RunOutcome> {
    try {
      const { chunkCount } = await this.steps.prepare(jobId);
      const saved = new Set(await this.storyboards.listFragmentIndexes(jobId));
      // Every run does at least one chunk before it may yield, so a run that starts with too
      // little time left still moves the job forward instead of re-enqueueing forever.
      let worked = false;
      const yielded = (): RunOutcome => ({
        kind: 'yielded',
        chunksDone: saved.size,
        chunksTotal: chunkCount,
      });
      for (let i = 0; i < chunkCount; i++) {
        if (saved.has(i)) continue;
        if (worked && !shouldContinue()) return yielded();
        await this.steps.analyzeChunk(jobId, i);
        saved.add(i);
        worked = true;
        // Let timers and I/O run between chunks: an in-process run (sync in an API server,
        // fire-and-forget) must not starve progress polls and other requests.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (worked && !shouldContinue()) return yielded();
      await this.steps.assemble(jobId);
      const job = await this.steps.complete(jobId);
      return { kind: 'ended', status: job.status };
    } catch (err) {
      if (err instanceof JobEndedError) {
        const job = await this.jobs.get(jobId);
        if (!job) throw new JobNotFoundError(jobId);
        return { kind: 'ended', status: job.status };
      }
      throw err;
    }
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
