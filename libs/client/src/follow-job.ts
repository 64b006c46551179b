import { EventStreamParser, readEventStream } from './event-stream';
import type { JobView } from './job-view';
import { isTerminalJob } from './job-view';
import { createStoryboardApiClient } from './storyboard-api-client';

/** How an update reached the client: pushed over the event stream, or read by polling. */
export type UpdateSource = 'sse' | 'poll';

export interface FollowJobOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:3000`. */
  apiUrl: string;
  jobId: string;
  /** Auth headers: `X-User-Id` (dev) or `Authorization: Bearer …` (jwt). */
  headers: Record<string, string>;
  onUpdate: (job: JobView, source: UpdateSource) => void;
  /** Called when the stream cannot be used and the follower polls instead. */
  onFallback?: (reason: string) => void;
  signal?: AbortSignal;
  /** Polling interval after a fallback (ms, default 1000). */
  pollMs?: number;
  fetch?: typeof fetch;
}

/** A response the client cannot recover from (401, 404): following stops with it. */
export class FollowJobError extends Error {
  override readonly name = 'FollowJobError';
  readonly code = 'CLIENT.FOLLOW_FAILED';
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`HTTP ${status}: ${detail}`);
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

async function problemDetail(res: Response): Promise<string> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { detail?: unknown };
    return typeof body.detail === 'string' ? body.detail : text.slice(0, 200);
  } catch (err) {
    return err instanceof SyntaxError ? text.slice(0, 200) : String(err);
  }
}

/**
 * Follows a job until it ends and returns its last state. Reads `GET /jobs/{id}/events`,
 * reconnecting with `Last-Event-ID` when the server closes the stream early; if the stream
 * cannot be opened or breaks twice in a row, it polls `GET /jobs/{id}` with `If-None-Match`
 * (the API's source of truth) instead. 401/404 end it with a `FollowJobError`.
 */
export async function followJob(opts: FollowJobOptions): Promise<JobView> {
  const doFetch = opts.fetch ?? fetch;
  const base = `${opts.apiUrl.replace(/\/$/, '')}/jobs/${encodeURIComponent(opts.jobId)}`;
  let last: JobView | undefined;
  let lastEventId = '';
  let failures = 0;
  while (!opts.signal?.aborted) {
    let res: Response;
    try {
      res = await doFetch(`${base}/events`, {
        headers: {
          ...opts.headers,
          accept: 'text/event-stream',
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        },
        signal: opts.signal,
      });
    } catch (err) {
      if (opts.signal?.aborted) break;
      if (++failures >= 2) return poll(`stream unavailable: ${String(err)}`);
      await sleep(500, opts.signal);
      continue;
    }
    if (res.status === 401 || res.status === 403 || res.status === 404) {
      throw new FollowJobError(res.status, await problemDetail(res));
    }
    if (res.status === 204 && last) return last;
    const type = res.headers.get('content-type') ?? '';
    if (!res.ok || !res.body || !type.startsWith('text/event-stream')) {
      await res.body?.cancel();
      return poll(`the events route answered ${res.status} ${type || '(no type)'}`);
    }
    const parser = new EventStreamParser();
    let got = false;
    try {
      await readEventStream(
        res.body,
        (event) => {
          if (event.event !== 'job') return;
          last = JSON.parse(event.data) as JobView;
          lastEventId = event.lastEventId;
          got = true;
          opts.onUpdate(last, 'sse');
        },
        parser,
      );
    } catch (err) {
      if (opts.signal?.aborted) break;
      if (++failures >= 2) return poll(`stream broke: ${String(err)}`);
    }
    if (last && isTerminalJob(last)) return last;
    if (got) failures = 0;
    await sleep(parser.retryMs ?? 1000, opts.signal);
  }
  throw new DOMException('followJob was aborted', 'AbortError');

  async function poll(reason: string): Promise<JobView> {
    opts.onFallback?.(reason);
    // The typed client (openapi-fetch, typed from the API's OpenAPI document) reads the job.
    const api = createStoryboardApiClient({
      baseUrl: opts.apiUrl,
      headers: opts.headers,
      fetch: doFetch,
    });
    let etag: string | undefined;
    for (;;) {
      if (opts.signal?.aborted) throw new DOMException('followJob was aborted', 'AbortError');
      const { data, error, response } = await api.GET('/jobs/{id}', {
        params: { path: { id: opts.jobId } },
        headers: etag ? { 'if-none-match': etag } : {},
        signal: opts.signal,
      });
      if (response.status === 200 && data) {
        etag = response.headers.get('etag') ?? undefined;
        last = data;
        opts.onUpdate(last, 'poll');
        if (isTerminalJob(last)) return last;
      } else if (response.status !== 304) {
        const detail = typeof error?.detail === 'string' ? error.detail : response.statusText;
        throw new FollowJobError(response.status, detail);
      }
      await sleep(opts.pollMs ?? 1000, opts.signal);
    }
  }
}
