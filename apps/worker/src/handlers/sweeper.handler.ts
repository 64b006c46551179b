import { composeApp, createLogger, createSweeperHandler, parseConfig, sweeperFor } from '@storyboard/runtime';

const config = parseConfig(process.env);
const logger = createLogger('storyboard-sweeper', config.LOG_LEVEL);

/** The sweeper Lambda (EventBridge Scheduler, every minute): re-dispatches stalled jobs
 * through the configured backend or fails them `JOB.STALLED`. */
export const handler = createSweeperHandler(sweeperFor(composeApp(config), config), logger);
