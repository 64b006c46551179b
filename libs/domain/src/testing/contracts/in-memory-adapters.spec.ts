import { InMemoryBlobStore } from '../../memory/in-memory-blob-store';
import { InMemoryJobRepository } from '../../memory/in-memory-job-repository';
import { InMemoryNovelRepository } from '../../memory/in-memory-novel-repository';
import { InMemoryNovelTextStore } from '../../memory/in-memory-novel-text-store';
import { InMemoryStoryboardRepository } from '../../memory/in-memory-storyboard-repository';
import { describeBlobStoreContract } from './blob-store.contract';
import { describeJobRepositoryContract } from './job-repository.contract';
import { describeNovelRepositoryContract } from './novel-repository.contract';
import { describeNovelTextStoreContract } from './novel-text-store.contract';
import { describeStoryboardRepositoryContract } from './storyboard-repository.contract';

describeBlobStoreContract('in-memory', () => new InMemoryBlobStore());
describeJobRepositoryContract('in-memory', () => new InMemoryJobRepository());
describeNovelRepositoryContract('in-memory', () => new InMemoryNovelRepository());
describeNovelTextStoreContract('in-memory', () => new InMemoryNovelTextStore());
describeStoryboardRepositoryContract('in-memory', () => new InMemoryStoryboardRepository());
