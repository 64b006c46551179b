import { tasks } from '../tasks';

/** Step Functions task `complete` (input and output per libs/runtime/src/lambda/sfn-tasks.ts). */
export const handler = tasks['complete'];
