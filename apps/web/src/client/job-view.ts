import { followJob, isTerminalJob } from '@storyboard/client';
import type { JobView, UpdateSource } from '@storyboard/client';
import type { Api } from './api';
import { authHeaders } from './api';
import { announce, formatDuration, h } from './dom';

/** What changed between two states of a job, as one timeline line (or nothing). */
export function describeChange(prev: JobView | undefined, job: JobView): string | undefined {
  if (!prev) return `${job.status} · ${job.progress.stage} · attempt ${job.attempts}`;
  const parts: string[] = [];
  if (job.attempts !== prev.attempts) parts.push(`attempt ${job.attempts} started (retry)`);
  if (job.status !== prev.status) parts.push(`status ${prev.status} → ${job.status}`);
  if (job.progress.stage !== prev.progress.stage) parts.push(`step ${job.progress.stage}`);
  if (
    job.progress.chunksDone !== prev.progress.chunksDone ||
    job.progress.chunksTotal !== prev.progress.chunksTotal
  ) {
    parts.push(`chunks ${job.progress.chunksDone}/${job.progress.chunksTotal}`);
  }
  if (job.error && job.error.code !== prev.error?.code)
    parts.push(`error ${job.error.code}: ${job.error.message}`);
  if (parts.length === 0 && job.progress.percentage !== prev.progress.percentage) {
    parts.push(`${job.progress.percentage}%`);
  }
  return parts.length ? parts.join(' · ') : undefined;
}

/** The job page: live progress over the event stream, a timeline, cancel and retry. */
export async function renderJob(root: HTMLElement, api: Api, jobId: string, signal: AbortSignal) {
  let job = await api.getJob(jobId);
  const novel = await api.getNovel(job.novelId);
  const bar = h('progress', { id: 'job-progress', max: 100, value: job.progress.percentage });
  const pct = h('span', { id: 'job-percentage', class: 'num' });
  const status = h('span', { id: 'job-status', class: 'badge' });
  const facts = h('dl', { class: 'facts' });
  const timeline = h('ol', { id: 'timeline', class: 'timeline' });
  const cancel = h('button', { type: 'button', id: 'cancel' }, 'Cancel job');
  const retry = h('button', { type: 'button', id: 'retry' }, 'Retry job');
  const storyLink = h(
    'a',
    { id: 'open-storyboard', class: 'button primary', href: `#/jobs/${jobId}/storyboard` },
    'Open the storyboard',
  );
  const via = h('span', { id: 'update-source' });

  let prev: JobView | undefined;
  const show = (next: JobView, source: UpdateSource | 'load') => {
    const line = describeChange(prev, next);
    if (line) {
      timeline.append(
        h(
          'li',
          { 'data-source': source },
          h('time', { datetime: next.updatedAt }, new Date(next.updatedAt).toLocaleTimeString()),
          ` ${line}`,
        ),
      );
    }
    prev = next;
    job = next;
    bar.value = next.progress.percentage;
    bar.setAttribute('aria-valuetext', `${next.progress.percentage}% (${next.progress.stage})`);
    pct.textContent = `${next.progress.percentage}%`;
    status.textContent = next.status;
    status.className = `badge ${next.status}`;
    via.textContent =
      source === 'load' ? '' : `last update: ${source === 'sse' ? 'pushed (SSE)' : 'polled'}`;
    const rows: [string, string][] = [
      ['Novel', novel.title],
      ['Stage', next.progress.stage],
      ['Chunks', `${next.progress.chunksDone} / ${next.progress.chunksTotal}`],
      ['Attempts', String(next.attempts)],
      ['Backend', next.backend],
      ['Generator', next.generator],
      ['Duration', formatDuration(next.startedAt, next.finishedAt)],
      ['Error', next.error ? `${next.error.code}: ${next.error.message}` : 'none'],
    ];
    facts.replaceChildren(...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
    cancel.hidden = isTerminalJob(next);
    retry.hidden = !(next.status === 'failed' || next.status === 'cancelled');
    storyLink.hidden = next.status !== 'completed';
  };
  show(job, 'load');

  const follow = () => {
    if (isTerminalJob(job)) return;
    followJob({
      apiUrl: api.base || location.origin,
      jobId,
      headers: authHeaders(api.session),
      signal,
      onUpdate: show,
      onFallback: (reason) => announce(`Live updates unavailable (${reason}); polling instead.`),
    }).then(
      (last) => announce(`Job ${last.status}.`),
      (err: unknown) => {
        if (!signal.aborted) announce(err instanceof Error ? err.message : String(err), 'error');
      },
    );
  };
  cancel.addEventListener('click', async () => {
    try {
      show(await api.cancel(jobId), 'load');
    } catch (err) {
      announce(err instanceof Error ? err.message : String(err), 'error');
    }
  });
  retry.addEventListener('click', async () => {
    try {
      await api.retry(jobId);
      show(await api.getJob(jobId), 'load');
      announce('Retry started.');
      follow();
    } catch (err) {
      announce(err instanceof Error ? err.message : String(err), 'error');
    }
  });

  root.replaceChildren(
    h('p', {}, h('a', { href: '#/' }, '← All novels and jobs')),
    h('h1', {}, `Job: ${novel.title}`),
    h(
      'div',
      { class: 'progress-row' },
      h('label', { for: 'job-progress' }, 'Progress '),
      bar,
      pct,
      status,
    ),
    h('p', { class: 'muted' }, via),
    h('div', { class: 'actions' }, cancel, retry, storyLink),
    facts,
    h(
      'section',
      { 'aria-labelledby': 'timeline-h' },
      h('h2', { id: 'timeline-h' }, 'Timeline'),
      timeline,
    ),
  );
  follow();
}
