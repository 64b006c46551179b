import { ContainerModule } from 'inversify';
import {
  CancelJob,
  CreateNovelUpload,
  GetJob,
  GetNovel,
  GetStoryboard,
  JobSteps,
  ListNovels,
  RequestAnalysis,
  RetryJob,
  RunJob,
  SubmitNovel,
} from '@storyboard/domain';
import type {
  Clock,
  IdGenerator,
  JobDispatcher,
  JobRepository,
  NovelRepository,
  NovelTextStore,
  StoryboardGenerator,
  StoryboardRepository,
  TextAnalyzer,
  UploadUrlSigner,
} from '@storyboard/domain';
import { HeuristicStoryboardGenerator, HeuristicTextAnalyzer } from '@storyboard/analysis';
import type { AppConfig } from '../config/config';
import { SystemClock, UuidIdGenerator } from '../system-clock';
import { TOKENS } from '../tokens';

/** Use cases, the text engine, clock and ids: the same in every app and backend. The domain
 * has no decorators, so everything is bound with factories (`toResolvedValue`). */
export const coreModule = (config: AppConfig) =>
  new ContainerModule(({ bind }) => {
    bind(TOKENS.Config).toConstantValue(config);
    bind(TOKENS.Clock).toConstantValue(new SystemClock());
    bind(TOKENS.IdGenerator).toConstantValue(new UuidIdGenerator());
    bind(TOKENS.TextAnalyzer).toConstantValue(new HeuristicTextAnalyzer());
    bind(TOKENS.StoryboardGenerator).toConstantValue(new HeuristicStoryboardGenerator());

    bind(TOKENS.JobSteps)
      .toResolvedValue(
        (
          jobs: JobRepository,
          novels: NovelRepository,
          texts: NovelTextStore,
          storyboards: StoryboardRepository,
          analyzer: TextAnalyzer,
          generator: StoryboardGenerator,
          clock: Clock,
        ) =>
          new JobSteps({
            jobs,
            novels,
            texts,
            storyboards,
            analyzer,
            generator,
            clock,
            maxChunkChars: config.CHUNK_MAX_CHARS,
          }),
        [
          TOKENS.JobRepository,
          TOKENS.NovelRepository,
          TOKENS.NovelTextStore,
          TOKENS.StoryboardRepository,
          TOKENS.TextAnalyzer,
          TOKENS.StoryboardGenerator,
          TOKENS.Clock,
        ],
      )
      .inSingletonScope();
    bind(TOKENS.RunJob)
      .toResolvedValue(
        (steps: JobSteps, storyboards: StoryboardRepository, jobs: JobRepository) =>
          new RunJob(steps, storyboards, jobs),
        [TOKENS.JobSteps, TOKENS.StoryboardRepository, TOKENS.JobRepository],
      )
      .inSingletonScope();
    bind(TOKENS.SubmitNovel)
      .toResolvedValue(
        (
          novels: NovelRepository,
          texts: NovelTextStore,
          analyzer: TextAnalyzer,
          clock: Clock,
          ids: IdGenerator,
        ) =>
          new SubmitNovel({
            novels,
            texts,
            analyzer,
            clock,
            ids,
            maxNovelBytes: config.MAX_NOVEL_BYTES,
          }),
        [
          TOKENS.NovelRepository,
          TOKENS.NovelTextStore,
          TOKENS.TextAnalyzer,
          TOKENS.Clock,
          TOKENS.IdGenerator,
        ],
      )
      .inSingletonScope();
    bind(TOKENS.RequestAnalysis)
      .toResolvedValue(
        (
          novels: NovelRepository,
          jobs: JobRepository,
          dispatcher: JobDispatcher,
          clock: Clock,
          ids: IdGenerator,
          generator: StoryboardGenerator,
          texts: NovelTextStore,
          analyzer: TextAnalyzer,
        ) =>
          new RequestAnalysis({
            novels,
            jobs,
            dispatcher,
            clock,
            ids,
            generator: generator.name,
            texts,
            analyzer,
            maxSyncChars: config.SYNC_MAX_CHARS,
          }),
        [
          TOKENS.NovelRepository,
          TOKENS.JobRepository,
          TOKENS.JobDispatcher,
          TOKENS.Clock,
          TOKENS.IdGenerator,
          TOKENS.StoryboardGenerator,
          TOKENS.NovelTextStore,
          TOKENS.TextAnalyzer,
        ],
      )
      .inSingletonScope();
    bind(TOKENS.CreateNovelUpload)
      .toResolvedValue(
        (
          novels: NovelRepository,
          signer: UploadUrlSigner | undefined,
          clock: Clock,
          ids: IdGenerator,
        ) =>
          new CreateNovelUpload({
            novels,
            signer,
            clock,
            ids,
            maxNovelBytes: config.MAX_NOVEL_BYTES,
          }),
        [
          TOKENS.NovelRepository,
          { serviceIdentifier: TOKENS.UploadUrlSigner, optional: true },
          TOKENS.Clock,
          TOKENS.IdGenerator,
        ],
      )
      .inSingletonScope();
    bind(TOKENS.GetJob)
      .toResolvedValue((jobs: JobRepository) => new GetJob(jobs), [TOKENS.JobRepository])
      .inSingletonScope();
    bind(TOKENS.GetNovel)
      .toResolvedValue((novels: NovelRepository) => new GetNovel(novels), [TOKENS.NovelRepository])
      .inSingletonScope();
    bind(TOKENS.ListNovels)
      .toResolvedValue(
        (novels: NovelRepository) => new ListNovels(novels),
        [TOKENS.NovelRepository],
      )
      .inSingletonScope();
    bind(TOKENS.GetStoryboard)
      .toResolvedValue(
        (getJob: GetJob, storyboards: StoryboardRepository) =>
          new GetStoryboard(getJob, storyboards),
        [TOKENS.GetJob, TOKENS.StoryboardRepository],
      )
      .inSingletonScope();
    bind(TOKENS.CancelJob)
      .toResolvedValue(
        (getJob: GetJob, jobs: JobRepository, clock: Clock) => new CancelJob(getJob, jobs, clock),
        [TOKENS.GetJob, TOKENS.JobRepository, TOKENS.Clock],
      )
      .inSingletonScope();
    bind(TOKENS.RetryJob)
      .toResolvedValue(
        (getJob: GetJob, jobs: JobRepository, dispatcher: JobDispatcher, clock: Clock) =>
          new RetryJob(getJob, jobs, dispatcher, clock),
        [TOKENS.GetJob, TOKENS.JobRepository, TOKENS.JobDispatcher, TOKENS.Clock],
      )
      .inSingletonScope();
  });
