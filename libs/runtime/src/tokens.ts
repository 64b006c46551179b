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
  TextAnalyzer,
  UploadUrlSigner,
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
  JobDispatcher: token<JobDispatcher>('JobDispatcher'),
  JobSteps: token<JobSteps>('JobSteps'),
  RunJob: token<RunJob>('RunJob'),
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
