import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { JobDispatcher } from '../ports/job-dispatcher.port';
import type { JobRepository } from '../ports/job-repository.port';
import type { NovelRepository } from '../ports/novel-repository.port';
import type { NovelTextStore } from '../ports/novel-text-store.port';
import type { StoryboardGenerator } from '../ports/storyboard-generator.port';
import type { StoryboardRepository } from '../ports/storyboard-repository.port';
import type { TextAnalyzer } from '../ports/text-analyzer.port';
import type { UploadUrlSigner } from '../ports/upload-url-signer.port';
import { CancelJob } from './cancel-job/cancel-job';
import { GetJob } from './get-job/get-job';
import { GetStoryboard } from './get-storyboard/get-storyboard';
import { GetNovel } from './get-novel/get-novel';
import { ListNovels } from './list-novels/list-novels';
import { RequestAnalysis } from './request-analysis/request-analysis';
import { RetryJob } from './retry-job/retry-job';
import { JobSteps } from './run-job/job-steps';
import { RunJob } from './run-job/run-job';
import { CreateNovelUpload } from './submit-novel/create-novel-upload';
import { SubmitNovel } from './submit-novel/submit-novel';
import type { JobLeasePolicy } from '../job/job-leases';
import { JobLeases } from '../job/job-leases';
import type { SweepPolicy } from './sweep-stalled-jobs/sweep-stalled-jobs';
import { SweepStalledJobs } from './sweep-stalled-jobs/sweep-stalled-jobs';

/** Every port the use cases need. */
export interface UseCasePorts {
  jobs: JobRepository;
  novels: NovelRepository;
  texts: NovelTextStore;
  storyboards: StoryboardRepository;
  analyzer: TextAnalyzer;
  generator: StoryboardGenerator;
  clock: Clock;
  ids: IdGenerator;
  /** The backend's dispatcher, or, for a backend that runs jobs in this process (sync,
   * fire-and-forget), a function that makes it from the runner. */
  dispatcher: JobDispatcher | ((runJob: RunJob) => JobDispatcher);
  /** Where direct uploads can be signed (S3); absent elsewhere. */
  signer?: UploadUrlSigner;
  /** Told when a cancel could not stop the backend's run (the job is cancelled anyway);
   * absent, CancelJob throws the stop's error. */
  onStopFailed?: (err: unknown, jobId: string) => void;
}

/** The settings the use cases enforce. */
export interface UseCaseLimits {
  /** Largest chunk one analyze-chunk step storyboards (UTF-16 units). */
  maxChunkChars: number;
  /** Largest novel accepted, in bytes. */
  maxNovelBytes: number;
  /** Longest text (characters) the sync backend accepts. */
  maxSyncChars: number;
  /** Chunks one in-process run analyzes at once (default 1). */
  llmConcurrency?: number;
  /** Chunk progress is written at most this often per job, in ms (default 1000). */
  progressIntervalMs?: number;
  /** Runs hold a lease on their attempt (absent: no leases, e.g. in unit tests). */
  lease?: JobLeasePolicy;
  /** The stalled-job sweeper's policy (absent: no sweeper). */
  sweep?: SweepPolicy;
}

/**
 * The one place the use-case graph is built: the container (libs/runtime) binds ports and
 * settings and takes the use cases from here, and so does the domain's test harness.
 */
export function createUseCases(ports: UseCasePorts, limits: UseCaseLimits) {
  const { jobs, novels, texts, storyboards, analyzer, generator, clock, ids } = ports;
  const steps = new JobSteps({
    jobs,
    novels,
    texts,
    storyboards,
    analyzer,
    generator,
    clock,
    maxChunkChars: limits.maxChunkChars,
    progressIntervalMs: limits.progressIntervalMs,
  });
  const leases = limits.lease && new JobLeases(jobs, clock, limits.lease);
  const runJob = new RunJob(steps, storyboards, jobs, undefined, {
    concurrency: limits.llmConcurrency,
    leases,
  });
  const dispatcher =
    typeof ports.dispatcher === 'function' ? ports.dispatcher(runJob) : ports.dispatcher;
  const sweepStalledJobs =
    limits.sweep && new SweepStalledJobs({ jobs, dispatcher, clock, policy: limits.sweep });
  const getJob = new GetJob(jobs);
  return {
    steps,
    runJob,
    leases,
    sweepStalledJobs,
    dispatcher,
    getJob,
    submitNovel: new SubmitNovel({
      novels,
      texts,
      analyzer,
      clock,
      ids,
      maxNovelBytes: limits.maxNovelBytes,
    }),
    createNovelUpload: new CreateNovelUpload({
      novels,
      signer: ports.signer,
      clock,
      ids,
      maxNovelBytes: limits.maxNovelBytes,
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
      maxSyncChars: limits.maxSyncChars,
    }),
    getNovel: new GetNovel(novels),
    listNovels: new ListNovels(novels),
    getStoryboard: new GetStoryboard(getJob, storyboards),
    cancelJob: new CancelJob(getJob, jobs, clock, {
      dispatcher,
      onStopFailed: ports.onStopFailed,
    }),
    retryJob: new RetryJob(getJob, jobs, dispatcher, clock),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;
