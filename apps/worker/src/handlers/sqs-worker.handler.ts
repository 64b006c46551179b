import { composeApp, createLogger, parseConfig, sqsWorkerHandlerFor } from '@storyboard/runtime';

// Built once per Lambda environment: config is checked at cold start, clients are reused.
const config = parseConfig(process.env);
const logger = createLogger('storyboard-worker', config.LOG_LEVEL);

/** The SQS worker Lambda (event source: the jobs queue; report batch item failures on). */
export const handler = sqsWorkerHandlerFor(composeApp(config), config, logger);
