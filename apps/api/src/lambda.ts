import { handle } from 'hono/aws-lambda';
import { composeApp, createLogger, parseConfig } from '@storyboard/runtime';
import { createApi } from './app';

// Built once per Lambda environment: the config is checked at cold start (AUTH_MODE=dev and
// STORAGE=memory are refused here) and SDK clients are reused across invocations.
const config = parseConfig(process.env);
const logger = createLogger('storyboard-api', config.LOG_LEVEL);
const app = createApi({ container: composeApp(config), config, logger });

/** API Gateway HTTP API (payload v2) → the Hono app. */
export const handler = handle(app);
