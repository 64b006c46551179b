import { FireAndForgetJobDispatcher } from '../dispatch/fire-and-forget-job-dispatcher';
import { SyncJobDispatcher } from '../dispatch/sync-job-dispatcher';
import type { JobDispatcher } from '../ports/job-dispatcher.port';
import type { StoryboardGenerator } from '../ports/storyboard-generator.port';
import type { TextAnalyzer } from '../ports/text-analyzer.port';
import { createUseCases } from '../use-cases/create-use-cases';
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
  /** Chunks RunJob analyzes at once (default 1). */
  concurrency?: number;
  /** JobSteps' progress interval in ms (default 1000). */
  progressIntervalMs?: number;
}

/** Records dispatched jobs and runs nothing: tests drive the steps themselves. */
export class RecordingJobDispatcher implements JobDispatcher {
  readonly backend = 'sqs' as const;
  readonly dispatched: { jobId: string; attempt: number; redispatch?: number }[] = [];

  async dispatch(job: { jobId: string; attempt: number; redispatch?: number }): Promise<void> {
    this.dispatched.push(job);
  }
}

/** The domain's use cases on in-memory adapters, for domain tests only (apps wire the real
 * thing in libs/runtime). The graph comes from `createUseCases`, as in the apps. */
export function createInMemoryHarness(options: HarnessOptions = {}) {
  const ports = {
    jobs: new InMemoryJobRepository(),
    novels: new InMemoryNovelRepository(),
    texts: new InMemoryNovelTextStore(),
    storyboards: new InMemoryStoryboardRepository(),
    clock: new FakeClock(),
    ids: new SequentialIdGenerator(),
    analyzer: options.analyzer ?? new LineTextAnalyzer(),
    generator: options.generator ?? new ParagraphStoryboardGenerator(),
  };
  const errors: unknown[] = [];
  let dispatcher!: FireAndForgetJobDispatcher | RecordingJobDispatcher | SyncJobDispatcher;
  const useCases = createUseCases(
    {
      ...ports,
      dispatcher: (runJob) =>
        (dispatcher =
          options.backend === 'fire-and-forget'
            ? new FireAndForgetJobDispatcher(runJob, (err) => errors.push(err))
            : options.backend === 'manual'
              ? new RecordingJobDispatcher()
              : new SyncJobDispatcher(runJob)),
    },
    {
      maxChunkChars: options.maxChunkChars ?? 200,
      maxNovelBytes: 1024 * 1024,
      maxSyncChars: options.maxSyncChars ?? 1_000_000,
      llmConcurrency: options.concurrency,
      progressIntervalMs: options.progressIntervalMs,
    },
  );
  return { ...ports, ...useCases, dispatcher, errors };
}

export type InMemoryHarness = ReturnType<typeof createInMemoryHarness>;
