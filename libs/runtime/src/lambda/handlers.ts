import type { Container } from 'inversify';
import type { AppConfig } from '../config/config';
import { ConfigError } from '../config/config';
import type { Logger } from '../logger';
import { TOKENS } from '../tokens';
import { createSqsWorkerHandler } from './sqs-worker';
import { createStepTaskHandlers } from './sfn-tasks';

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
