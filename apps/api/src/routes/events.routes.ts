import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { SSEStreamingApi } from 'hono/streaming';
import { isTerminal } from '@storyboard/domain';
import type { AnalysisJob, GetJob } from '@storyboard/domain';
import type { ApiEnv } from '../http/api-env';
import { toJobView } from '../http/views';
import { COMMON_ERRORS, IdParamsSchema, JobSchema, problem } from '../schemas';
import type { JobChangeNotifier } from '../sse/job-change-notifier';
import { sleepUnlessAborted } from '../sse/job-change-notifier';
import { CoalescedReads } from '../sse/coalesced-reads';

export interface JobEventsOptions {
  getJob: GetJob;
  /** How often a stream reads the job store. */
  pollMs: number;
  /** A stream closes after this long with a `retry:` hint; the client reconnects. */
  maxStreamMs: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** What the `retry:` hint asks the client to wait before reconnecting. */
  retryMs: number;
  /** Present in the local app: a change wakes the stream before its poll interval. */
  changes?: JobChangeNotifier;
  /** A failed store read ends the stream with a `retry:` hint; this hears about it. */
  onReadError?: (err: unknown, jobId: string) => void;
}

const jobEvents = createRoute({
  operationId: 'streamJobEvents',
  method: 'get',
  path: '/jobs/{id}/events',
  tags: ['jobs'],
  summary: 'Live job progress as Server-Sent Events',
  description: [
    'A `text/event-stream` of `job` events whose `data` is the job exactly as `GET /jobs/{id}` returns it and whose `id` is the job’s version.',
    'On connect the current state is sent at once (unless `Last-Event-ID` already names it), then one event per change; a `: heartbeat` comment keeps idle streams open.',
    'The stream closes after the terminal event (completed, failed, cancelled), or after the server’s maximum stream time with a `retry:` hint: reconnect with `Last-Event-ID` and nothing is sent twice or missed.',
    'A job that has ended and whose last state the client already has answers 204, which stops an EventSource from reconnecting.',
    'Errors (401, 404) are problem+json before the stream starts. Polling `GET /jobs/{id}` with `If-None-Match` remains the source of truth and the fallback.',
  ].join(' '),
  request: {
    params: IdParamsSchema,
    headers: z.object({
      'last-event-id': z
        .string()
        .max(32)
        .optional()
        .openapi({ description: 'The last event id (job version) the client received' }),
    }),
  },
  responses: {
    200: {
      description: 'The event stream; each `job` event’s data is a Job (JSON)',
      content: { 'text/event-stream': { schema: JobSchema } },
    },
    204: { description: 'The job has ended and the client already has its last state' },
    ...COMMON_ERRORS,
    404: problem('No such job for this user'),
  },
});

/** A Last-Event-ID we issued is a job version: a positive integer. Anything else (or a
 * version the job has not reached, e.g. from another job) is ignored. */
function lastSeenVersion(header: string | undefined, job: AnalysisJob): number {
  if (!header || !/^\d{1,15}$/.test(header.trim())) return 0;
  const version = Number(header.trim());
  return version <= job.version ? version : 0;
}

export function registerJobEventRoutes(app: OpenAPIHono<ApiEnv>, opts: JobEventsOptions): void {
  const reads = new CoalescedReads();
  opts.changes?.onChange((jobId) => reads.forget(jobId));
  app.openapi(jobEvents, async (c) => {
    const jobId = c.req.valid('param').id;
    c.set('jobId', jobId);
    const ownerId = c.get('userId');
    // Ownership and existence are checked before the stream starts: errors stay problem+json.
    const first = await opts.getJob.execute({ ownerId, jobId });
    const seen = lastSeenVersion(c.req.valid('header')['last-event-id'], first);
    if (isTerminal(first.status) && seen === first.version) return c.body(null, 204);
    const read = () => reads.read(jobId, ownerId, () => opts.getJob.execute({ ownerId, jobId }));
    return streamSSE(c, (stream) => followJob(stream, first, seen, read, opts)) as never;
  });
}

async function followJob(
  stream: SSEStreamingApi,
  first: AnalysisJob,
  seen: number,
  read: () => Promise<AnalysisJob>,
  opts: JobEventsOptions,
): Promise<void> {
  const closed = new AbortController();
  stream.onAbort(() => closed.abort());
  const started = Date.now();
  let lastWrite = started;
  let sent = seen;
  let job = first;
  for (;;) {
    if (job.version > sent) {
      await stream.writeSSE({ event: 'job', id: String(job.version), data: json(job) });
      sent = job.version;
      lastWrite = Date.now();
    }
    if (isTerminal(job.status) || closed.signal.aborted) return;
    const now = Date.now();
    if (now - started >= opts.maxStreamMs) {
      await stream.write(`retry: ${opts.retryMs}\n\n`);
      return;
    }
    if (now - lastWrite >= opts.heartbeatMs) {
      await stream.write(': heartbeat\n\n');
      lastWrite = now;
    }
    // Polls fall on multiples of pollMs, so the streams of one job share each read.
    const toTick = opts.pollMs - (now % opts.pollMs);
    const wait = Math.min(toTick, opts.heartbeatMs, opts.maxStreamMs - (now - started));
    await (opts.changes
      ? opts.changes.wait(job.id, wait, closed.signal)
      : sleepUnlessAborted(wait, closed.signal));
    if (closed.signal.aborted) return;
    try {
      job = await read();
    } catch (err) {
      // Storage briefly down (or the job gone): the client reconnects and the next
      // stream answers with the state, or with a problem+json before it starts.
      opts.onReadError?.(err, job.id);
      await stream.write(`retry: ${opts.retryMs}\n\n`);
      return;
    }
  }
}

const json = (job: AnalysisJob) => JSON.stringify(toJobView(job));
