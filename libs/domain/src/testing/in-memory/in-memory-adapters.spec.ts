import { InMemoryJobRepository } from './in-memory-job-repository';
import { InMemoryNovelRepository } from './in-memory-novel-repository';
import { InMemoryNovelTextStore } from './in-memory-novel-text-store';
import { InMemoryStoryboardRepository } from './in-memory-storyboard-repository';
import { describeJobRepositoryContract } from '../contracts/job-repository.contract';
import { describeNovelRepositoryContract } from '../contracts/novel-repository.contract';
import { describeNovelTextStoreContract } from '../contracts/novel-text-store.contract';
import { describeStoryboardRepositoryContract } from '../contracts/storyboard-repository.contract';

describeJobRepositoryContract('in-memory', () => new InMemoryJobRepository());
describeNovelRepositoryContract('in-memory', () => new InMemoryNovelRepository());
describeNovelTextStoreContract('in-memory', () => new InMemoryNovelTextStore());
describeStoryboardRepositoryContract('in-memory', () => new InMemoryStoryboardRepository());
