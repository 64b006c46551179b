import { composeApp, createLogger, parseConfig } from '@storyboard/runtime';
import { durableHandlerFor } from '@storyboard/runtime/durable';

// Built once per Lambda environment (outside the handler), like the other functions.
const config = parseConfig(process.env);

/** The durable job function: one durable execution per job attempt, started with
 * `{"jobId"}` (see libs/runtime/src/lambda/durable-job.ts). Deploy it with durable mode on
 * and invoke it on a version or alias. */
export const handler = durableHandlerFor(
  composeApp(config),
  config,
  createLogger('storyboard-durable', config.LOG_LEVEL),
);
