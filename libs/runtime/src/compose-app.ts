import type { Container, ContainerModule } from 'inversify';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AppConfig } from './config/config';
import { createContainer } from './container';
import type { AwsClients } from './modules/aws.module';
import { awsStorageModule, createAwsClients } from './modules/aws.module';
import { dispatchModule } from './modules/dispatch.module';
import { memoryStorageModule } from './modules/memory-storage.module';
import { createLogger } from './logger';

export interface ComposeOptions {
  /** SDK clients to use (the local stack's); default: from the AWS environment. */
  clients?: AwsClients;
  /** Where a fire-and-forget run reports an error nobody awaits. */
  onBackgroundError?: (err: unknown, jobId: string) => void;
  /** Extra modules loaded last, e.g. a test's fault-injecting generator (use `rebind`). */
  overrides?: (container: Container) => void;
}

/** Builds the container for `config`: storage by `STORAGE`, dispatcher by
 * `EXECUTION_BACKEND` (and every other backend of `ENABLED_BACKENDS`). Every app's composition root calls this once. */
export function composeApp(config: AppConfig, options: ComposeOptions = {}): Container {
  const modules: ContainerModule[] = [];
  let clients = options.clients;
  let secrets = options.clients?.secrets;
  const aws = () => (clients ??= createAwsClients());
  if (config.STORAGE === 'aws') {
    modules.push(awsStorageModule(aws(), config.TABLE_NAME, config.BUCKET_NAME));
  } else {
    modules.push(memoryStorageModule());
  }
  modules.push(
    dispatchModule(config.enabledBackends ?? [config], {
      aws,
      onBackgroundError:
        options.onBackgroundError ??
        ((err, jobId) =>
          createLogger('storyboard', config.LOG_LEVEL).error('background job run failed', {
            jobId,
            error: err instanceof Error ? err.message : String(err),
          })),
    }),
  );
  const logger = createLogger('storyboard', config.LOG_LEVEL);
  const container = createContainer(config, modules, {
    logger: {
      info: (message, extra) => logger.info(message, extra ?? {}),
      warn: (message, extra) => logger.warn(message, extra ?? {}),
    },
    secrets: () => (secrets ??= new SecretsManagerClient({})),
  });
  options.overrides?.(container);
  return container;
}
