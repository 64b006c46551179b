import { tasks } from '../tasks';

/** Step Functions task `analyze-chunk` (input and output per libs/runtime/src/lambda/sfn-tasks.ts). */
export const handler = tasks['analyze-chunk'];
