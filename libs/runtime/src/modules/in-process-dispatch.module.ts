import { ContainerModule } from 'inversify';
import { FireAndForgetJobDispatcher, SyncJobDispatcher } from '@storyboard/domain';
import type { RunJob } from '@storyboard/domain';
import { TOKENS } from '../tokens';

/** The backends that run the pipeline in this process: `sync` and `fire-and-forget`. */
export const inProcessDispatchModule = (
  backend: 'sync' | 'fire-and-forget',
  onBackgroundError: (err: unknown, jobId: string) => void,
) =>
  new ContainerModule(({ bind }) => {
    // The dispatcher runs jobs with the runner `createUseCases` builds: bind how to make it.
    bind(TOKENS.Dispatch).toConstantValue((runJob: RunJob) =>
      backend === 'sync'
        ? new SyncJobDispatcher(runJob)
        : new FireAndForgetJobDispatcher(runJob, onBackgroundError),
    );
  });
