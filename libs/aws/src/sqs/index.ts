export { JobMessageSchema } from './job-message.schema';
export type { JobMessage } from './job-message.schema';
export { SqsJobDispatcher } from './sqs-job-dispatcher';
export type { SqsJobDispatcherOptions } from './sqs-job-dispatcher';
