import type { Container, ContainerModule } from 'inversify';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AppConfig } from './config/config';
import { createContainer } from './container';
import type { AwsClients } from './modules/aws.module';
import {
  awsStorageModule,
  createAwsClients,
  durableDispatchModule,
  sqsDispatchModule,
  stepFunctionsDispatchModule,
} from './modules/aws.module';
import { inProcessDispatchModule } from './modules/in-process-dispatch.module';
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
 * `EXECUTION_BACKEND`. Every app's composition root calls this once. */
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
  switch (config.EXECUTION_BACKEND) {
    case 'sync':
    case 'fire-and-forget':
      modules.push(
        inProcessDispatchModule(
          config.EXECUTION_BACKEND,
          options.onBackgroundError ??
            ((err, jobId) =>
              createLogger('storyboard', config.LOG_LEVEL).error('background job run failed', {
                jobId,
                error: err instanceof Error ? err.message : String(err),
              })),
        ),
      );
      break;
    case 'sqs':
      modules.push(sqsDispatchModule(aws().sqs, config.JOB_QUEUE_URL));
      break;
    case 'stepfunctions':
      modules.push(stepFunctionsDispatchModule(aws().sfn, config.STATE_MACHINE_ARN));
      break;
    case 'durable':
      modules.push(durableDispatchModule(aws().lambda, config.DURABLE_FUNCTION_ARN));
      break;
  }
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
