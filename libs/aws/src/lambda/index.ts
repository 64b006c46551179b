export { DurableJobDispatcher, durableExecutionName } from './durable-job-dispatcher';
export type { DurableJobDispatcherOptions } from './durable-job-dispatcher';
