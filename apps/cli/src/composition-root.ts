import type { Container } from 'inversify';
import type { AppConfig } from '@storyboard/runtime';
import { createContainer, inProcessDispatchModule, memoryStorageModule } from '@storyboard/runtime';

export interface CliApp {
  container: Container;
  /** Stops whatever the app started (servers, pollers). */
  close(): Promise<void>;
}

/** The CLI's composition root: picks storage and dispatch modules for the backend. */
export async function createCliApp(
  config: AppConfig,
  onBackgroundError: (err: unknown, jobId: string) => void,
): Promise<CliApp> {
  switch (config.EXECUTION_BACKEND) {
    case 'sync':
    case 'fire-and-forget': {
      const container = createContainer(config, [
        memoryStorageModule(),
        inProcessDispatchModule(config.EXECUTION_BACKEND, onBackgroundError),
      ]);
      return { container, close: async () => {} };
    }
    default:
      throw new Error(`The ${config.EXECUTION_BACKEND} backend needs the local stack.`);
  }
}
