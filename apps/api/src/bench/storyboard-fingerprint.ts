/**
 * Storyboard fingerprint (not a test): runs the API flow a client runs on the local stack
 * (`POST /novels` text body, `POST /novels/{id}/analyses`, poll `GET /jobs/{id}`, then
 * `GET /jobs/{id}/storyboard` page by page) and prints one SHA-256 over every page's bytes,
 * with what legitimately differs between runs replaced by placeholders: the novel and job
 * ids (also inside the opaque cursors) and `stats.durationMs`. Two runs of the same code on
 * the same file print the same hash; a storage change that alters any byte a client reads
 * changes it.
 *
 *   npx tsx apps/api/src/bench/storyboard-fingerprint.ts <novel.txt> [backend] [pageLimit]
 *   (FINGERPRINT_DUMP=<file> also writes the normalized pages there)
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { startLocalApiServer } from '../server';

const USER = { 'x-user-id': 'fingerprint-user' };

async function call(url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { ...init, headers: { ...USER, ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res;
}

/** The page's bytes with run-specific values replaced. */
export function normalizePage(text: string, ids: { novelId: string; jobId: string }): string {
  return text
    .replace(/("nextCursor":"|cursor=)([A-Za-z0-9_-]+)/g, (_, before: string, cursor: string) => {
      const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
      return `${before}${decoded.replaceAll(ids.jobId, 'JOB')}`;
    })
    .replaceAll(ids.jobId, 'JOB')
    .replaceAll(ids.novelId, 'NOVEL')
    .replace(/"durationMs":\d+/g, '"durationMs":0');
}

async function main(): Promise<void> {
  const [file, backend = 'sqs', limit = '10'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: storyboard-fingerprint.ts <novel.txt> [backend] [pageLimit]');
    process.exitCode = 2;
    return;
  }
  const server = await startLocalApiServer({
    EXECUTION_BACKEND: backend,
    PORT: '0',
    AUTH_MODE: 'dev',
    LOG_LEVEL: 'SILENT',
    SYNC_MAX_CHARS: '100000000',
  });
  try {
    const started = performance.now();
    const novel = (await (
      await call(`${server.url}/novels?title=${encodeURIComponent(basename(file))}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: await readFile(file),
      })
    ).json()) as { id: string };
    const { jobId } = (await (
      await call(`${server.url}/novels/${novel.id}/analyses`, { method: 'POST' })
    ).json()) as { jobId: string };
    for (;;) {
      const job = (await (await call(`${server.url}/jobs/${jobId}`)).json()) as {
        status: string;
        error?: unknown;
      };
      if (job.status === 'completed') break;
      if (job.status === 'failed' || job.status === 'cancelled') {
        throw new Error(`job ${job.status}: ${JSON.stringify(job.error)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const jobMs = performance.now() - started;
    const hash = createHash('sha256');
    let cursor: string | null = null;
    let pages = 0;
    let bytes = 0;
    const dump: string[] = [];
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await call(`${server.url}/jobs/${jobId}/storyboard?limit=${limit}${query}`);
      const text = await res.text();
      bytes += text.length;
      const normalized = normalizePage(text, { novelId: novel.id, jobId });
      hash.update(normalized);
      dump.push(normalized);
      cursor = (JSON.parse(text) as { nextCursor: string | null }).nextCursor;
      pages++;
    } while (cursor);
    if (process.env.FINGERPRINT_DUMP)
      await writeFile(process.env.FINGERPRINT_DUMP, dump.join('\n'));
    console.log(
      `${basename(file)} ${backend}: ${pages} pages, ${bytes} chars, sha256 ${hash.digest('hex')} (job ${(jobMs / 1000).toFixed(2)} s)`,
    );
  } finally {
    await server.close();
  }
}

if (process.argv[1]?.endsWith('storyboard-fingerprint.ts')) await main();
