import { tasks } from '../tasks';

/** Step Functions task `fail` (input and output per libs/runtime/src/lambda/sfn-tasks.ts). */
export const handler = tasks['fail'];
