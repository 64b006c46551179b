import { ContainerModule } from 'inversify';
import {
  InMemoryJobRepository,
  InMemoryNovelRepository,
  InMemoryNovelTextStore,
  InMemoryStoryboardRepository,
} from '@storyboard/domain/memory';
import { TOKENS } from '../tokens';

/** `STORAGE=memory`: everything lives in this process (the CLI's sync and fire-and-forget
 * runs, tests). The adapters are the same ones the port contract suites check. */
export const memoryStorageModule = () =>
  new ContainerModule(({ bind }) => {
    bind(TOKENS.JobRepository).toConstantValue(new InMemoryJobRepository());
    bind(TOKENS.NovelRepository).toConstantValue(new InMemoryNovelRepository());
    bind(TOKENS.NovelTextStore).toConstantValue(new InMemoryNovelTextStore());
    bind(TOKENS.StoryboardRepository).toConstantValue(new InMemoryStoryboardRepository());
  });
