import { composeApp, createLogger, dlqHandlerFor, parseConfig } from '@storyboard/runtime';

const config = parseConfig(process.env);
const logger = createLogger('storyboard-dlq', config.LOG_LEVEL);

/** The dead-letter queue Lambda (event source: the jobs DLQ; report batch item failures on):
 * fails jobs whose message was dead-lettered before they ended. */
export const handler = dlqHandlerFor(composeApp(config), logger);
