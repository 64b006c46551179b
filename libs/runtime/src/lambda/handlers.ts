import type { Container } from 'inversify';
import type { DurableExecutionClient, DurableLambdaHandler } from '@aws/durable-execution-sdk-js';
import { withDurableExecution } from '@aws/durable-execution-sdk-js';
import type { AppConfig } from '../config/config';
import { ConfigError } from '../config/config';
import type { Logger } from '../logger';
import { TOKENS } from '../tokens';
import { createSqsWorkerHandler } from './sqs-worker';
import { createStepTaskHandlers } from './sfn-tasks';
import { createDurableJobHandler } from './durable-job';

/** The SQS worker handler over a composed container (Lambda and the local stack alike). */
export function sqsWorkerHandlerFor(container: Container, config: AppConfig, logger: Logger) {
  if (config.EXECUTION_BACKEND !== 'sqs') {
    throw new ConfigError(
      'The SQS worker needs EXECUTION_BACKEND=sqs (it enqueues continuations).',
    );
  }
  return createSqsWorkerHandler({
    runJob: container.get(TOKENS.RunJob),
    steps: container.get(TOKENS.JobSteps),
    jobs: container.get(TOKENS.JobRepository),
    dispatcher: container.get(TOKENS.JobDispatcher),
    logger,
    maxReceiveCount: config.MAX_RECEIVE_COUNT,
    reserveMs: config.WORKER_RESERVE_MS,
  });
}

/** The Step Functions task handlers over a composed container. */
export function stepTaskHandlersFor(container: Container, logger: Logger) {
  return createStepTaskHandlers(container.get(TOKENS.JobSteps), logger);
}

/** The durable job function's handler over a composed container: the job handler wrapped
 * by the SDK. `durableExecutionClient` replaces the Lambda transport (the local stack's
 * checkpoint store); absent, the SDK talks to the Lambda durable-execution APIs. */
export function durableHandlerFor(
  container: Container,
  config: AppConfig,
  logger: Logger,
  durableExecutionClient?: DurableExecutionClient,
): DurableLambdaHandler {
  if (config.EXECUTION_BACKEND !== 'durable') {
    throw new ConfigError('The durable job function needs EXECUTION_BACKEND=durable.');
  }
  return withDurableExecution(
    createDurableJobHandler({
      steps: container.get(TOKENS.JobSteps),
      logger,
      maxConcurrency: config.DURABLE_MAX_CONCURRENCY,
    }),
    durableExecutionClient ? { durableExecutionClient } : undefined,
  );
}
