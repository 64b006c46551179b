import { ContainerModule } from 'inversify';
import type { ServiceIdentifier } from 'inversify';
import { createUseCases } from '@storyboard/domain';
import type {
  Clock,
  IdGenerator,
  JobRepository,
  NovelRepository,
  NovelTextStore,
  StoryboardGenerator,
  StoryboardRepository,
  TextAnalyzer,
  UploadUrlSigner,
  UseCasePorts,
  UseCases,
} from '@storyboard/domain';
import { HeuristicTextAnalyzer } from '@storyboard/analysis';
import type { AppConfig } from '../config/config';
import { createGenerator } from '../generators/generator-registry';
import type { GeneratorWiring } from '../generators/generator-registry';
import { createLogger } from '../logger';
import { SystemClock } from '../system-clock';
import { UuidIdGenerator } from '../uuid-id-generator';
import { TOKENS } from '../tokens';
import { leaseOwnerId } from '../lambda/sweeper';

/** The token of each use case the factory builds: a use case added to `createUseCases` is a
 * type error here until it has its token. */
const USE_CASE_TOKENS: { [K in keyof UseCases]: ServiceIdentifier<UseCases[K]> } = {
  steps: TOKENS.JobSteps,
  runJob: TOKENS.RunJob,
  leases: TOKENS.JobLeases,
  sweepStalledJobs: TOKENS.SweepStalledJobs,
  dispatcher: TOKENS.JobDispatcher,
  getJob: TOKENS.GetJob,
  submitNovel: TOKENS.SubmitNovel,
  createNovelUpload: TOKENS.CreateNovelUpload,
  requestAnalysis: TOKENS.RequestAnalysis,
  getNovel: TOKENS.GetNovel,
  listNovels: TOKENS.ListNovels,
  getStoryboard: TOKENS.GetStoryboard,
  cancelJob: TOKENS.CancelJob,
  retryJob: TOKENS.RetryJob,
};

/** Settings, the text engine, the generator `GENERATOR` names, clock and ids; then the use
 * cases, built by the domain's one factory from the ports the storage and dispatch modules
 * bind. Resolved lazily, so a test may `rebind` a port before the first use case is asked
 * for. */
export const coreModule = (config: AppConfig, wiring: GeneratorWiring) =>
  new ContainerModule(({ bind }) => {
    bind(TOKENS.Config).toConstantValue(config);
    bind(TOKENS.Clock).toConstantValue(new SystemClock());
    bind(TOKENS.IdGenerator).toConstantValue(new UuidIdGenerator());
    bind(TOKENS.TextAnalyzer).toConstantValue(new HeuristicTextAnalyzer());
    bind(TOKENS.StoryboardGenerator).toConstantValue(createGenerator(config, wiring));

    bind(TOKENS.UseCases)
      .toResolvedValue(
        (ports: UseCasePorts) =>
          createUseCases(ports, {
            maxChunkChars: config.CHUNK_MAX_CHARS,
            maxNovelBytes: config.MAX_NOVEL_BYTES,
            maxSyncChars: config.SYNC_MAX_CHARS,
            llmConcurrency: config.LLM_CONCURRENCY,
            progressIntervalMs: config.PROGRESS_INTERVAL_MS,
            lease: {
              leaseMs: config.LEASE_MS,
              owner: leaseOwnerId(),
              onRenewError: (err, jobId) =>
                createLogger('storyboard-lease', config.LOG_LEVEL).warn(
                  'lease renewal failed; the sweeper takes over if it runs out',
                  { jobId, error: err instanceof Error ? err.message : String(err) },
                ),
            },
            sweep: {
              leaseMs: config.LEASE_MS,
              queuedStallMs: config.QUEUED_STALL_MS,
              maxStalls: config.MAX_STALLS,
              batchSize: config.SWEEP_BATCH_SIZE,
            },
          }),
        [TOKENS.UseCasePorts],
      )
      .inSingletonScope();
    bind(TOKENS.UseCasePorts)
      .toResolvedValue(
        (
          jobs: JobRepository,
          novels: NovelRepository,
          texts: NovelTextStore,
          storyboards: StoryboardRepository,
          analyzer: TextAnalyzer,
          generator: StoryboardGenerator,
          clock: Clock,
          ids: IdGenerator,
          dispatcher: UseCasePorts['dispatcher'],
          signer: UploadUrlSigner | undefined,
        ): UseCasePorts => ({
          jobs,
          novels,
          texts,
          storyboards,
          analyzer,
          generator,
          clock,
          ids,
          dispatcher,
          signer,
          onStopFailed: (err, jobId) =>
            createLogger('storyboard', config.LOG_LEVEL).warn(
              'job cancelled; stopping its run failed (it ends at its next step)',
              { jobId, error: err instanceof Error ? err.message : String(err) },
            ),
        }),
        [
          TOKENS.JobRepository,
          TOKENS.NovelRepository,
          TOKENS.NovelTextStore,
          TOKENS.StoryboardRepository,
          TOKENS.TextAnalyzer,
          TOKENS.StoryboardGenerator,
          TOKENS.Clock,
          TOKENS.IdGenerator,
          TOKENS.Dispatch,
          { serviceIdentifier: TOKENS.UploadUrlSigner, optional: true },
        ],
      )
      .inSingletonScope();
    for (const key of Object.keys(USE_CASE_TOKENS) as (keyof UseCases)[]) {
      bind(USE_CASE_TOKENS[key] as ServiceIdentifier<UseCases[keyof UseCases]>)
        .toResolvedValue((useCases: UseCases) => useCases[key], [TOKENS.UseCases])
        .inSingletonScope();
    }
  });
