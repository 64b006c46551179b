export { EventStreamParser, readEventStream } from './event-stream';
export type { SseEvent } from './event-stream';
export { FollowJobError, followJob } from './follow-job';
export type { FollowJobOptions, UpdateSource } from './follow-job';
export { TERMINAL_JOB_STATUSES, isTerminalJob } from './job-view';
export type { JobView } from './job-view';
export { createStoryboardApiClient } from './storyboard-api-client';
export type {
  ApiSchemas,
  StoryboardApiClient,
  StoryboardApiClientOptions,
} from './storyboard-api-client';
export type { components, operations, paths } from './api/storyboard-api.gen';
