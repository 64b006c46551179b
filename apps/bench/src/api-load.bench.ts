/**
 * Load benchmark of the HTTP API (not a test): starts the server exactly as `npm start` does
 * (sqs backend on the local stack, a child process on 127.0.0.1), then runs autocannon
 * against `GET /jobs/{id}` (200 and 304) and `POST /novels/{id}/analyses`, and prints
 * requests/s and p99 latency for each. Loopback only; every run is bounded.
 *
 *   npm run bench:api            BENCH_SECONDS=10 BENCH_CONNECTIONS=10 by default
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import autocannon from 'autocannon';

const ROOT = join(import.meta.dirname, '../../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const USER = { 'x-user-id': 'bench-user' };

async function startServer() {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['apps/api/src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', EXECUTION_BACKEND: 'sqs', LOG_LEVEL: 'WARN' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  child.stdout.resume();
  const stop = () =>
    new Promise<number | null>((resolve) => {
      child.once('exit', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  return { url, stop };
}

async function call(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { ...init, headers: { ...USER, ...init.headers } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res;
}

async function main() {
  const server = await startServer();
  try {
    const text = await readFile(join(ROOT, 'samples/en-the-lighthouse-keeper.txt'));
    const novel = (await (
      await call(`${server.url}/novels?title=Bench`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: text,
      })
    ).json()) as { id: string };
    const { jobId } = (await (
      await call(`${server.url}/novels/${novel.id}/analyses`, { method: 'POST' })
    ).json()) as { jobId: string };
    let etag = '';
    for (let status = ''; status !== 'completed';) {
      const res = await call(`${server.url}/jobs/${jobId}`);
      status = ((await res.json()) as { status: string }).status;
      etag = res.headers.get('etag') ?? '';
      if (status === 'failed') throw new Error('the setup job failed');
      await new Promise((r) => setTimeout(r, 50));
    }

    const runs = [
      // The baseline: the same server answering without auth or storage (a 404 problem), so
      // the ratios below show what auth, DynamoDB reads and SQS sends cost on top of HTTP.
      {
        name: 'baseline: GET /no-such-route (404)',
        url: `${server.url}/no-such-route`,
        headers: USER,
      },
      { name: 'GET  /jobs/{id}', url: `${server.url}/jobs/${jobId}`, headers: USER },
      {
        name: 'GET  /jobs/{id} If-None-Match (304)',
        url: `${server.url}/jobs/${jobId}`,
        headers: { ...USER, 'if-none-match': etag },
      },
      {
        name: 'POST /novels/{id}/analyses',
        url: `${server.url}/novels/${novel.id}/analyses`,
        method: 'POST',
        headers: USER,
      },
    ];
    console.log(
      `sqs backend on the local stack, ${CONNECTIONS} connections, ${SECONDS} s per route (Node ${process.version})`,
    );
    // Warm-up (JIT, connection pools, emulator caches), not reported.
    await autocannon({ url: runs[1]!.url, headers: USER, connections: CONNECTIONS, duration: 2 });
    const rows: Record<string, string | number>[] = [];
    for (const run of runs) {
      const result = await autocannon({
        url: run.url,
        method: run.method ?? 'GET',
        headers: run.headers,
        connections: CONNECTIONS,
        duration: SECONDS,
      });
      rows.push({
        route: run.name,
        'req/s': Math.round(result.requests.average),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        requests: result.requests.total,
        'non-2xx': result.non2xx,
        errors: result.errors + result.timeouts,
      });
      console.log(`${run.name}: ${rows.at(-1)?.['req/s']} req/s, p99 ${result.latency.p99} ms`);
    }
    const baseline = Number(rows[0]?.['req/s']) || 1;
    for (const row of rows) row['× baseline req/s'] = (Number(row['req/s']) / baseline).toFixed(2);
    console.table(rows);
  } finally {
    const code = await server.stop();
    console.log(`server stopped (exit ${code})`);
  }
}

const HELP = `npm run bench:api — load benchmark of the HTTP API (not a test)

Starts the API as \`npm start\` does (sqs backend on the local stack, a child process on
127.0.0.1), runs autocannon against GET /jobs/{id} (200 and 304) and
POST /novels/{id}/analyses, and prints requests/s and p50/p99 latency for each, with ratios
against the first run.

Environment:
  BENCH_SECONDS       seconds per run (default 10)
  BENCH_CONNECTIONS   concurrent connections (default 10)

Options:
  -h, --help          show this help
`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
} else if (args.length > 0) {
  process.stderr.write(
    `bench:api: unknown argument "${args[0]}". Run npm run bench:api -- --help.\n`,
  );
  process.exitCode = 2;
} else {
  await main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
