import { composeApp, createLogger, parseConfig, stepTaskHandlersFor } from '@storyboard/runtime';

// Built once per Lambda environment and shared by the step handlers bundled with it.
const config = parseConfig(process.env);

/** The five pipeline-step handlers over this environment's container. */
export const tasks = stepTaskHandlersFor(
  composeApp(config),
  createLogger('storyboard-sfn-tasks', config.LOG_LEVEL),
);
