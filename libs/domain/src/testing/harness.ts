import { FireAndForgetJobDispatcher } from '../dispatch/fire-and-forget-job-dispatcher';
import { SyncJobDispatcher } from '../dispatch/sync-job-dispatcher';
import type { JobDispatcher } from '../ports/job-dispatcher.port';
import type { StoryboardGenerator } from '../ports/storyboard-generator.port';
import type { TextAnalyzer } from '../ports/text-analyzer.port';
import { CancelJob } from '../use-cases/cancel-job/cancel-job';
import { GetJob } from '../use-cases/get-job/get-job';
import { GetStoryboard } from '../use-cases/get-storyboard/get-storyboard';
import { RequestAnalysis } from '../use-cases/request-analysis/request-analysis';
import { RetryJob } from '../use-cases/retry-job/retry-job';
import { JobSteps } from '../use-cases/run-job/job-steps';
import { RunJob } from '../use-cases/run-job/run-job';
import { SubmitNovel } from '../use-cases/submit-novel/submit-novel';
import { LineTextAnalyzer, ParagraphStoryboardGenerator } from './doubles';
import { FakeClock, SequentialIdGenerator } from './fake-clock';
import { InMemoryJobRepository } from '../memory/in-memory-job-repository';
import { InMemoryNovelRepository } from '../memory/in-memory-novel-repository';
import { InMemoryNovelTextStore } from '../memory/in-memory-novel-text-store';
import { InMemoryStoryboardRepository } from '../memory/in-memory-storyboard-repository';

export interface HarnessOptions {
  analyzer?: TextAnalyzer;
  generator?: StoryboardGenerator;
  /** `sync` (default), `fire-and-forget`, or `manual`: dispatch only records the job. */
  backend?: 'sync' | 'fire-and-forget' | 'manual';
  maxChunkChars?: number;
  maxSyncChars?: number;
}

/** Records dispatched jobs and runs nothing: tests drive the steps themselves. */
export class RecordingJobDispatcher implements JobDispatcher {
  readonly backend = 'sqs' as const;
  readonly dispatched: { jobId: string; attempt: number }[] = [];

  async dispatch(job: { jobId: string; attempt: number }): Promise<void> {
    this.dispatched.push(job);
  }
}

/** The domain's use cases on in-memory adapters, for domain tests only (apps wire the real
 * thing in libs/runtime). */
export function createInMemoryHarness(options: HarnessOptions = {}) {
  const jobs = new InMemoryJobRepository();
  const novels = new InMemoryNovelRepository();
  const texts = new InMemoryNovelTextStore();
  const storyboards = new InMemoryStoryboardRepository();
  const clock = new FakeClock();
  const ids = new SequentialIdGenerator();
  const analyzer = options.analyzer ?? new LineTextAnalyzer();
  const generator = options.generator ?? new ParagraphStoryboardGenerator();
  const steps = new JobSteps({
    jobs,
    novels,
    texts,
    storyboards,
    analyzer,
    generator,
    clock,
    maxChunkChars: options.maxChunkChars ?? 200,
  });
  const runJob = new RunJob(steps, storyboards, jobs);
  const errors: unknown[] = [];
  const dispatcher =
    options.backend === 'fire-and-forget'
      ? new FireAndForgetJobDispatcher(runJob, (err) => errors.push(err))
      : options.backend === 'manual'
        ? new RecordingJobDispatcher()
        : new SyncJobDispatcher(runJob);
  const getJob = new GetJob(jobs);
  return {
    jobs,
    novels,
    texts,
    storyboards,
    clock,
    ids,
    analyzer,
    generator,
    dispatcher,
    errors,
    steps,
    runJob,
    getJob,
    submitNovel: new SubmitNovel({
      novels,
      texts,
      analyzer,
      clock,
      ids,
      maxNovelBytes: 1024 * 1024,
    }),
    requestAnalysis: new RequestAnalysis({
      novels,
      jobs,
      dispatcher,
      clock,
      ids,
      generator: generator.name,
      texts,
      analyzer,
      maxSyncChars: options.maxSyncChars ?? 1_000_000,
    }),
    getStoryboard: new GetStoryboard(getJob, storyboards),
    cancelJob: new CancelJob(getJob, jobs, clock),
    retryJob: new RetryJob(getJob, jobs, dispatcher, clock),
  };
}

export type InMemoryHarness = ReturnType<typeof createInMemoryHarness>;
