import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import type { ExecutionBackendName } from '@storyboard/runtime';
import {
  APP_SETTING_NAMES,
  TOKENS,
  createLogger,
  parseLocalStackSettings,
  readSetting,
} from '@storyboard/runtime';
import { startLocalApp } from '@storyboard/local-stack';
import type { LocalApp, LocalAppOptions } from '@storyboard/local-stack';
import { FAKE_LLM_LATENCY_MS, startDemoLlm } from '@storyboard/fake-qwen';
import type { Api } from './app';
import { createApi } from './app';
import { JobChangeNotifier } from './sse/job-change-notifier';
import { serveDashboard } from './dashboard/serve-dashboard';

/** Where `npm run build:web` writes the dashboard (served at `/` when present). */
export const DEFAULT_DASHBOARD_DIR = join(import.meta.dirname, '../../web/dist');

export interface ServedApi {
  url: string;
  close(): Promise<void>;
}

/** Serves `app` with @hono/node-server on loopback only (port 0: any free port). */
export function serveApi(app: Api, port = 0): Promise<ServedApi> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive clients (browsers, autocannon) would hold close() open.
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', reject);
  });
}

export interface LocalApiServer extends ServedApi {
  backend: ExecutionBackendName;
  /** The local stack and the composed app behind the server (tests reach the container). */
  local: LocalApp;
  /** Stops the HTTP server, then the local stack (worker poller, emulators). */
  close(): Promise<void>;
  /** Whether the dashboard is served at `/` (its build was found). */
  dashboard: boolean;
}

/** What `npm start` runs: the local stack with the configured backend and the API over it. */
export async function startLocalApiServer(
  env: Record<string, string | undefined>,
  options: Pick<LocalAppOptions, 'overrides' | 'keyInSecretsManager'> & {
    dashboardDir?: string;
  } = {},
): Promise<LocalApiServer> {
  // Read through the config schema before the stack exists (the full config needs the
  // stack's resource names).
  const backend = readSetting(env, 'EXECUTION_BACKEND');
  const port = readSetting(env, 'PORT');
  // API and worker share this process: job writes wake the event streams at once.
  const jobChanges = new JobChangeNotifier();
  const settings = parseLocalStackSettings(env);
  const local = await startLocalApp({
    backend,
    env: pickAppSettings(env),
    useStack: true,
    persistDir: settings.DATA_DIR,
    drainMs: settings.STOP_DRAIN_MS,
    functionTimeoutMs: settings.LOCAL_WORKER_TIMEOUT_MS,
    deadLetterHandler: true,
    keyInSecretsManager: options.keyInSecretsManager,
    overrides: (container) => {
      options.overrides?.(container);
      const jobs = container.get(TOKENS.JobRepository);
      container.rebind(TOKENS.JobRepository).toConstantValue(jobChanges.wrap(jobs));
    },
  });
  try {
    const logger = createLogger('storyboard-api', local.config.LOG_LEVEL);
    const app = createApi({ container: local.container, config: local.config, logger, jobChanges });
    const dashboard = await serveDashboard(app, options.dashboardDir ?? DEFAULT_DASHBOARD_DIR);
    const served = await serveApi(app, port);
    return {
      ...served,
      dashboard,
      backend,
      local,
      close: async () => {
        await served.close();
        await local.close();
      },
    };
  } catch (err) {
    await local.close();
    throw err;
  }
}

/** The app's own settings from the environment (every setting of the config schema but
 * the resource names, which come from the stack, and the backend, chosen above). */
function pickAppSettings(env: Record<string, string | undefined>) {
  const keys = APP_SETTING_NAMES.filter((k) => k !== 'EXECUTION_BACKEND' && k !== 'STORAGE');
  return Object.fromEntries(keys.map((k) => [k, env[k]]));
}

async function main(): Promise<void> {
  // `npm start -- --fake-llm`: demo mode, GENERATOR=qwen against fake-qwen in this process.
  const fakeLlm = process.argv.includes('--fake-llm') ? await startDemoLlm() : undefined;
  const server = await startLocalApiServer({ ...process.env, ...fakeLlm?.env });
  const { DATA_DIR, STOP_DRAIN_MS } = parseLocalStackSettings(process.env);
  const recovered = server.local.recovered;
  console.log(
    [
      `Storyboard API (${server.backend} backend on the local stack)`,
      `  Dashboard    ${server.dashboard ? `${server.url}/` : '(not built: npm run build:web)'}`,
      `  Data         ${DATA_DIR ? `${DATA_DIR} (kept; delete the folder to start fresh)` : 'in memory (set DATA_DIR to keep it)'}`,
      ...(recovered?.crashedRun
        ? [`  Recovery     the last run (pid ${recovered.crashedRun.pid}) did not stop cleanly`]
        : []),
      ...(recovered &&
      recovered.redispatched.length + recovered.failed.length + recovered.dispatchErrors.length
        ? [
            `  Recovery     unfinished jobs: resumed ${recovered.redispatched.length}, failed ${recovered.failed.length} (JOB.STALLED), not re-dispatched ${recovered.dispatchErrors.length}`,
          ]
        : []),
      `  API          ${server.url}`,
      `  Reference    ${server.url}/docs`,
      `  OpenAPI      ${server.url}/openapi.json`,
      ...(fakeLlm
        ? [`  Generator    qwen against fake-qwen (demo mode, ${FAKE_LLM_LATENCY_MS} ms per call)`]
        : []),
      `  Auth         ${server.local.config.AUTH_MODE === 'jwt' ? 'jwt (no JWT authorizer locally: every request is 401)' : 'dev: send X-User-Id'}`,
      'Ctrl-C to stop.',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    // Ctrl-C reaches this process twice (from the terminal's process group and forwarded by
    // tsx): a repeat is ignored. Work in flight gets STOP_DRAIN_MS to finish, then is left
    // to the sweeper of the next start; a stop that hangs past that is cut short.
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping (work in flight gets ${STOP_DRAIN_MS} ms)…`);
    setTimeout(() => {
      console.error(`Still stopping after ${STOP_DRAIN_MS + 5_000} ms: exiting.`);
      process.exit(1);
    }, STOP_DRAIN_MS + 5_000).unref();
    server.close().then(
      async () => {
        await fakeLlm?.close();
        console.log('Stopped.');
        process.exit(0);
      },
      (err: unknown) => {
        console.error('Stop failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
