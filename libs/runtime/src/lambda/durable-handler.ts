import type { Container } from 'inversify';
import type { DurableExecutionClient, DurableLambdaHandler } from '@aws/durable-execution-sdk-js';
import { withDurableExecution } from '@aws/durable-execution-sdk-js';
import type { AppConfig } from '../config/config';
import { ConfigError, backendSettings } from '../config/config';
import type { Logger } from '../logger';
import { TOKENS } from '../tokens';
import { createDurableJobHandler } from './durable-job';

/** The durable job function's handler over a composed container: the job handler wrapped
 * by the SDK. `durableExecutionClient` replaces the Lambda transport (the local stack's
 * checkpoint store); absent, the SDK talks to the Lambda durable-execution APIs. */
export function durableHandlerFor(
  container: Container,
  config: AppConfig,
  logger: Logger,
  durableExecutionClient?: DurableExecutionClient,
): DurableLambdaHandler {
  const durable = backendSettings(config, 'durable');
  if (!durable) {
    throw new ConfigError(
      'The durable job function needs EXECUTION_BACKEND=durable, or durable in ENABLED_BACKENDS.',
    );
  }
  return withDurableExecution(
    createDurableJobHandler({
      steps: container.get(TOKENS.JobSteps),
      logger,
      maxConcurrency: durable.DURABLE_MAX_CONCURRENCY,
      leases: container.get(TOKENS.JobLeases),
    }),
    durableExecutionClient ? { durableExecutionClient } : undefined,
  );
}
