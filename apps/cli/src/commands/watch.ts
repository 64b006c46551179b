import { FollowJobError, followJob } from '@storyboard/client';
import type { JobView } from '@storyboard/client';
import type { JobProgress } from '@storyboard/domain';
import { ProgressReporter } from '../progress-reporter';
import type { ProgressOutput } from '../progress-reporter';
import { UsageError } from '../usage-error';

export interface WatchOptions {
  jobId: string;
  /** The API's base URL (default http://127.0.0.1:3000, what `npm start` serves). */
  api: string;
  user?: string;
  token?: string;
  signal?: AbortSignal;
}

export interface WatchIo {
  stdout: ProgressOutput;
  stderr: { write(text: string): unknown };
}

/**
 * Follows a job on a running API through its event stream (`GET /jobs/{id}/events`), drawing
 * the same progress bar as `analyze`; polls with ETag if the stream cannot be used. Returns
 * the job's final state.
 */
export async function watch(opts: WatchOptions, io: WatchIo): Promise<JobView> {
  if (!/^[0-9a-f-]{36}$/i.test(opts.jobId)) {
    throw new UsageError(`"${opts.jobId}" is not a job id (a UUID the API returned).`);
  }
  let base: URL;
  try {
    base = new URL(opts.api);
  } catch (err) {
    throw new UsageError(`--api must be a URL like http://127.0.0.1:3000 (${String(err)}).`);
  }
  if (!opts.user && !opts.token) {
    throw new UsageError(
      'say who you are: --user <id> (AUTH_MODE=dev) or --token <jwt> / STORYBOARD_TOKEN (jwt).',
    );
  }
  const headers: Record<string, string> = opts.token
    ? { authorization: `Bearer ${opts.token}` }
    : { 'x-user-id': opts.user! };
  const bar = new ProgressReporter(io.stdout);
  try {
    const job = await followJob({
      apiUrl: base.href,
      jobId: opts.jobId,
      headers,
      signal: opts.signal,
      onUpdate: (j) => bar.update(j.progress as JobProgress),
      onFallback: (reason) => io.stderr.write(`storyboard: ${reason}; polling instead.\n`),
    });
    bar.done();
    const error = job.error ? ` (${job.error.code}: ${job.error.message})` : '';
    io.stdout.write(`job ${job.id} ${job.status}${error}, attempts ${job.attempts}\n`);
    return job;
  } catch (err) {
    bar.done();
    if (err instanceof FollowJobError) throw new UsageError(err.message);
    if (err instanceof TypeError && /fetch failed/.test(err.message)) {
      throw new UsageError(`cannot reach the API at ${base.href}: is it running (npm start)?`);
    }
    throw err;
  }
}
