import type { Container } from 'inversify';
import type { AppConfig } from '../config/config';
import { ConfigError, backendSettings } from '../config/config';
import { enabledDispatcher } from '../modules/dispatch.module';
import type { Logger } from '../logger';
import { TOKENS } from '../tokens';
import { createSqsWorkerHandler } from './sqs-worker';
import { createStepTaskHandlers } from './sfn-tasks';
import { createDlqHandler } from './dlq-handler';

/** The SQS worker handler over a composed container (Lambda and the local stack alike). */
export function sqsWorkerHandlerFor(container: Container, config: AppConfig, logger: Logger) {
  const sqs = backendSettings(config, 'sqs');
  const dispatcher = enabledDispatcher(container.get(TOKENS.JobDispatcher), 'sqs');
  if (!sqs || !dispatcher) {
    throw new ConfigError(
      'The SQS worker needs EXECUTION_BACKEND=sqs, or sqs in ENABLED_BACKENDS (it enqueues continuations).',
    );
  }
  return createSqsWorkerHandler({
    runJob: container.get(TOKENS.RunJob),
    steps: container.get(TOKENS.JobSteps),
    jobs: container.get(TOKENS.JobRepository),
    dispatcher,
    logger,
    maxReceiveCount: sqs.MAX_RECEIVE_COUNT,
    reserveMs: sqs.WORKER_RESERVE_MS,
  });
}

/** The Step Functions task handlers over a composed container. */
export function stepTaskHandlersFor(container: Container, logger: Logger) {
  return createStepTaskHandlers(
    container.get(TOKENS.JobSteps),
    logger,
    container.get(TOKENS.JobLeases),
  );
}

/** The dead-letter queue handler over a composed container. */
export function dlqHandlerFor(container: Container, logger: Logger) {
  return createDlqHandler({
    jobs: container.get(TOKENS.JobRepository),
    steps: container.get(TOKENS.JobSteps),
    logger,
  });
}
