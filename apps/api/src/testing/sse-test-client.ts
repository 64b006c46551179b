import { readEventStream } from '@storyboard/client';
import type { EventStreamParser, JobView } from '@storyboard/client';

export interface StreamEvent {
  id: number;
  job: JobView;
}

export interface OpenStream {
  status: number;
  contentType: string;
  events: StreamEvent[];
  /** Resolves when the server ends the stream; says whether it sent a `retry:` hint. */
  ended: Promise<EventStreamParser | undefined>;
  /** Resolves once `n` events have arrived. */
  waitFor(n: number): Promise<void>;
  /** The client hangs up. */
  abort(): void;
  body: string;
}

/** Opens `GET /jobs/{id}/events` over real HTTP and records its `job` events. */
export async function openJobStream(
  url: string,
  jobId: string,
  user: string,
  lastEventId?: string,
): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(`${url}/jobs/${jobId}/events`, {
    headers: { 'x-user-id': user, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal: controller.signal,
  });
  const events: StreamEvent[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const contentType = res.headers.get('content-type') ?? '';
  const isStream = res.status === 200 && contentType.startsWith('text/event-stream');
  const body = isStream ? '' : await res.text();
  const ended =
    isStream && res.body
      ? readEventStream(res.body, (e) => {
          if (e.event !== 'job') return;
          events.push({ id: Number(e.lastEventId), job: JSON.parse(e.data) as JobView });
          for (const w of waiters.filter((w) => events.length >= w.n)) w.resolve();
        }).catch((err: unknown) => {
          if (controller.signal.aborted) return undefined;
          throw err;
        })
      : Promise.resolve(undefined);
  return {
    status: res.status,
    contentType,
    events,
    ended,
    body,
    abort: () => controller.abort(),
    waitFor: (n) =>
      events.length >= n
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ n, resolve })),
  };
}
