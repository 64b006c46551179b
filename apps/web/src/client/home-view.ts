import type { JobView } from '@storyboard/client';
import type { Api, NovelView } from './api';
import { announce, formatBytes, formatDuration, h } from './dom';
import { uploadNovel } from './upload';

interface Row {
  novel: NovelView;
  job: JobView;
}

const FILTERS = ['status', 'backend', 'generator'] as const;
type Filter = (typeof FILTERS)[number];

/** Upload, the novels list, and the jobs list with status / backend / generator filters. */
export async function renderHome(root: HTMLElement, api: Api, go: (hash: string) => void) {
  const uploadSection = renderUpload(api, () => void renderHome(root, api, go));
  const { items: novels } = await api.listNovels();
  const jobsByNovel = await Promise.all(novels.map((n) => api.novelJobs(n.id)));
  const rows: Row[] = novels.flatMap((novel, i) =>
    (jobsByNovel[i]?.items ?? []).map((job) => ({ novel, job })),
  );

  const startAnalysis = async (novel: NovelView) => {
    try {
      const started = await api.analyze(novel.id);
      const jobId = 'jobId' in started ? started.jobId : started.id;
      announce(`Analysis of “${novel.title}” started.`);
      go(`#/jobs/${jobId}`);
    } catch (err) {
      announce(err instanceof Error ? err.message : String(err), 'error');
    }
  };

  const novelTable = h(
    'table',
    { class: 'list', id: 'novels-table' },
    h('caption', {}, 'Your novels'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...['Title', 'Language', 'Size', 'Status', 'Analyses', ''].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      novels.map((novel, i) => {
        const button = h(
          'button',
          { type: 'button', class: 'primary', disabled: novel.status !== 'ready' },
          'Start analysis',
        );
        button.setAttribute('aria-label', `Start analysis of ${novel.title}`);
        button.addEventListener('click', () => void startAnalysis(novel));
        return h(
          'tr',
          { 'data-novel-id': novel.id },
          h('th', { scope: 'row' }, novel.title),
          h('td', { 'data-label': 'Language' }, novel.language ?? '—'),
          h('td', { class: 'num', 'data-label': 'Size' }, formatBytes(novel.sizeBytes)),
          h('td', { 'data-label': 'Status' }, novel.status),
          h(
            'td',
            { class: 'num', 'data-label': 'Analyses' },
            String(jobsByNovel[i]?.items.length ?? 0),
          ),
          h('td', {}, button),
        );
      }),
    ),
  );

  const selects = Object.fromEntries(
    FILTERS.map((f) => {
      const values = [...new Set(rows.map((r) => r.job[f]))].sort();
      const select = h(
        'select',
        { id: `filter-${f}`, name: f },
        h('option', { value: '' }, 'any'),
        values.map((v) => h('option', { value: v }, v)),
      );
      return [f, select];
    }),
  ) as Record<Filter, HTMLSelectElement>;
  const tbody = h('tbody');
  const drawJobs = () => {
    const shown = rows.filter((r) =>
      FILTERS.every((f) => !selects[f].value || r.job[f] === selects[f].value),
    );
    tbody.replaceChildren(
      ...shown.map(({ novel, job }) =>
        h(
          'tr',
          { 'data-job-id': job.id, 'data-status': job.status },
          h('th', { scope: 'row' }, h('a', { href: `#/jobs/${job.id}` }, novel.title)),
          h(
            'td',
            { 'data-label': 'Status' },
            h('span', { class: `badge ${job.status}` }, job.status),
          ),
          h('td', { class: 'num', 'data-label': 'Progress' }, `${job.progress.percentage}%`),
          h('td', { 'data-label': 'Backend' }, job.backend),
          h('td', { 'data-label': 'Generator' }, job.generator),
          h('td', { class: 'num', 'data-label': 'Attempts' }, String(job.attempts)),
          h(
            'td',
            { class: 'num', 'data-label': 'Duration' },
            formatDuration(job.startedAt, job.finishedAt),
          ),
          h('td', { 'data-label': 'Created' }, new Date(job.createdAt).toLocaleString()),
        ),
      ),
    );
    if (shown.length === 0) {
      tbody.append(h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'No jobs match.')));
    }
  };
  for (const s of Object.values(selects)) s.addEventListener('change', drawJobs);
  drawJobs();

  root.replaceChildren(
    h('h1', {}, 'Storyboard dashboard'),
    uploadSection,
    h(
      'section',
      { 'aria-labelledby': 'novels-h' },
      h('h2', { id: 'novels-h' }, 'Novels'),
      novels.length ? novelTable : h('p', { class: 'empty' }, 'No novels yet: upload one above.'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'jobs-h' },
      h('h2', { id: 'jobs-h' }, 'Jobs'),
      h(
        'div',
        { class: 'filters', role: 'group', 'aria-label': 'Filter jobs' },
        FILTERS.map((f) =>
          h('label', { for: `filter-${f}` }, `${f[0]!.toUpperCase()}${f.slice(1)} `, selects[f]),
        ),
      ),
      h(
        'table',
        { class: 'list', id: 'jobs-table' },
        h('caption', {}, 'Analysis jobs, newest first per novel'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...[
              'Novel',
              'Status',
              'Progress',
              'Backend',
              'Generator',
              'Attempts',
              'Duration',
              'Created',
            ].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        tbody,
      ),
    ),
  );
}

function renderUpload(api: Api, done: () => void): HTMLElement {
  const input = h('input', { type: 'file', id: 'file', name: 'file', accept: '.txt,text/plain' });
  const title = h('input', { type: 'text', id: 'title', name: 'title', autocomplete: 'off' });
  const progress = h('progress', { id: 'upload-progress', max: 100, value: 0, hidden: true });
  progress.setAttribute('aria-label', 'Upload progress');
  const zone = h(
    'div',
    { class: 'dropzone', id: 'dropzone' },
    h('p', {}, 'Drop a novel (.txt) here, or choose a file:'),
    h('label', { for: 'file' }, 'Novel file '),
    input,
  );
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Upload');
  const form = h(
    'form',
    { id: 'upload-form' },
    zone,
    h('label', { for: 'title' }, 'Title '),
    title,
    submit,
    progress,
  );
  let file: File | undefined;
  const choose = (f: File | undefined) => {
    file = f;
    if (f && !title.value) title.value = f.name.replace(/\.[^.]+$/, '');
    zone.dataset.file = f?.name ?? '';
    if (f) announce(`Selected ${f.name} (${formatBytes(f.size)}).`);
  };
  input.addEventListener('change', () => choose(input.files?.[0]));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    choose(e.dataTransfer?.files[0]);
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file) return announce('Choose a .txt file first.', 'error');
    submit.disabled = true;
    progress.hidden = false;
    try {
      const novel = await uploadNovel(api, file, title.value.trim() || file.name, (f) => {
        progress.value = Math.round(f * 100);
      });
      progress.value = 100;
      announce(`Uploaded “${novel.title}”.`);
      done();
    } catch (err) {
      announce(err instanceof Error ? err.message : String(err), 'error');
      submit.disabled = false;
    }
  });
  return h(
    'section',
    { 'aria-labelledby': 'upload-h' },
    h('h2', { id: 'upload-h' }, 'Upload a novel'),
    form,
  );
}
