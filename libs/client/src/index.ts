export { EventStreamParser, readEventStream } from './event-stream';
export type { SseEvent } from './event-stream';
export { FollowJobError, followJob } from './follow-job';
export type { FollowJobOptions, UpdateSource } from './follow-job';
export { TERMINAL_JOB_STATUSES, isTerminalJob } from './job-view';
export type { JobView } from './job-view';
