import type { ServiceIdentifier } from 'inversify';
import type {
  CancelJob,
  Clock,
  CreateNovelUpload,
  GetJob,
  GetNovel,
  GetStoryboard,
  IdGenerator,
  JobDispatcher,
  JobLeases,
  JobRepository,
  JobSteps,
  ListNovels,
  NovelRepository,
  NovelTextStore,
  RequestAnalysis,
  RetryJob,
  RunJob,
  StoryboardGenerator,
  StoryboardRepository,
  SubmitNovel,
  SweepStalledJobs,
  TextAnalyzer,
  UploadUrlSigner,
  UseCasePorts,
  UseCases,
} from '@storyboard/domain';
import type { AppConfig } from './config/config';

const token = <T>(name: string): ServiceIdentifier<T> => Symbol.for(`storyboard.${name}`);

export const TOKENS = {
  Config: token<AppConfig>('Config'),
  Clock: token<Clock>('Clock'),
  IdGenerator: token<IdGenerator>('IdGenerator'),
  JobRepository: token<JobRepository>('JobRepository'),
  NovelRepository: token<NovelRepository>('NovelRepository'),
  NovelTextStore: token<NovelTextStore>('NovelTextStore'),
  StoryboardRepository: token<StoryboardRepository>('StoryboardRepository'),
  TextAnalyzer: token<TextAnalyzer>('TextAnalyzer'),
  StoryboardGenerator: token<StoryboardGenerator>('StoryboardGenerator'),
  /** Bound by the dispatch module: the backend's dispatcher, or (sync, fire-and-forget) a
   * function making it from the runner. Resolve `JobDispatcher` for the dispatcher itself. */
  Dispatch: token<UseCasePorts['dispatcher']>('Dispatch'),
  JobDispatcher: token<JobDispatcher>('JobDispatcher'),
  /** Every port the use cases take, gathered for `createUseCases`. */
  UseCasePorts: token<UseCasePorts>('UseCasePorts'),
  /** The use-case graph from `createUseCases`; each use case also has its own token. */
  UseCases: token<UseCases>('UseCases'),
  JobSteps: token<JobSteps>('JobSteps'),
  RunJob: token<RunJob>('RunJob'),
  /** Bound to the factory's leases (undefined only where none are configured). */
  JobLeases: token<JobLeases | undefined>('JobLeases'),
  SweepStalledJobs: token<SweepStalledJobs | undefined>('SweepStalledJobs'),
  SubmitNovel: token<SubmitNovel>('SubmitNovel'),
  CreateNovelUpload: token<CreateNovelUpload>('CreateNovelUpload'),
  /** Bound only where uploads can be signed (S3); resolve with `optional: true`. */
  UploadUrlSigner: token<UploadUrlSigner>('UploadUrlSigner'),
  RequestAnalysis: token<RequestAnalysis>('RequestAnalysis'),
  GetJob: token<GetJob>('GetJob'),
  GetNovel: token<GetNovel>('GetNovel'),
  ListNovels: token<ListNovels>('ListNovels'),
  GetStoryboard: token<GetStoryboard>('GetStoryboard'),
  CancelJob: token<CancelJob>('CancelJob'),
  RetryJob: token<RetryJob>('RetryJob'),
} as const;
