import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobRepository } from '@storyboard/domain';
import { TOKENS, createLogger } from '@storyboard/runtime';
import type { ExecutionBackendName } from '@storyboard/runtime';
import { createApi } from '../app';
import { startLocalApiServer } from '../server';
import type { LocalApiServer } from '../server';
import { ControllableGenerator } from './controllable-generator';
import type { ApiResponse, Transport } from './transports';
import { httpTransport, lambdaTransport } from './transports';

/** Small chunks so the sample novel takes several steps (room to cancel mid-job). */
export const TEST_ENV = {
  CHUNK_MAX_CHARS: '1000',
  SYNC_MAX_CHARS: '10000000',
  LOG_LEVEL: 'SILENT',
  SFN_MAX_CONCURRENCY: '2',
};

export const sampleNovel = async (): Promise<Uint8Array> =>
  new Uint8Array(
    await readFile(join(import.meta.dirname, '../../../../samples/en-the-lighthouse-keeper.txt')),
  );

export interface ApiHarness {
  server: LocalApiServer;
  transports: Transport[];
  generator: ControllableGenerator;
  /** Ids of jobs as they are created (a sync request returns only when its job has ended). */
  createdJobIds: string[];
  close(): Promise<void>;
}

/**
 * What `npm start` runs (the local stack with `backend`, served on 127.0.0.1:0), plus the
 * same container behind the Lambda adapter with AUTH_MODE=jwt. A controllable generator
 * replaces the real one's entry point, and job creations are recorded.
 */
export async function startApiHarness(
  backend: ExecutionBackendName,
  env: Record<string, string> = {},
): Promise<ApiHarness> {
  let generator: ControllableGenerator | undefined;
  const createdJobIds: string[] = [];
  const server = await startLocalApiServer(
    { ...TEST_ENV, ...env, EXECUTION_BACKEND: backend, PORT: '0', AUTH_MODE: 'dev' },
    {
      overrides: (container) => {
        generator = new ControllableGenerator(container.get(TOKENS.StoryboardGenerator));
        container.rebind(TOKENS.StoryboardGenerator).toConstantValue(generator);
        const jobs = container.get(TOKENS.JobRepository);
        container
          .rebind(TOKENS.JobRepository)
          .toConstantValue(recordingCreates(jobs, createdJobIds));
      },
    },
  );
  if (!generator) throw new Error('generator override not applied');
  const { container, config } = server.local;
  const lambdaApp = createApi({
    container,
    config: { ...config, AUTH_MODE: 'jwt' },
    logger: createLogger('storyboard-api', 'SILENT'),
  });
  return {
    server,
    transports: [httpTransport(server.url), lambdaTransport(lambdaApp)],
    generator,
    createdJobIds,
    close: () => server.close(),
  };
}

function recordingCreates(inner: JobRepository, ids: string[]): JobRepository {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'create') {
        return async (job: Parameters<JobRepository['create']>[0]) => {
          ids.push(job.id);
          return target.create(job);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A user's view of the API through one transport. */
export class ApiClient {
  constructor(
    readonly transport: Transport,
    readonly user: string,
  ) {}

  send(
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string | Uint8Array } = {},
  ) {
    return this.transport.send({ method, path, user: this.user, ...init });
  }

  submitText(title: string, bytes: Uint8Array, contentType = 'text/plain; charset=utf-8') {
    return this.send('POST', `/novels?title=${encodeURIComponent(title)}`, {
      headers: { 'content-type': contentType },
      body: bytes,
    });
  }

  /** Starts an analysis; `backend` picks one of the enabled backends (JSON body). */
  requestAnalysis(novelId: string, backend?: string) {
    return this.send(
      'POST',
      `/novels/${novelId}/analyses`,
      backend === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ backend }) },
    );
  }

  getJob(jobId: string, etag?: string) {
    return this.send('GET', `/jobs/${jobId}`, etag ? { headers: { 'if-none-match': etag } } : {});
  }

  /** Polls with If-None-Match until the job ends; counts the 304s. */
  async waitForJob(jobId: string, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    let etag: string | undefined;
    let job: { status: string } | undefined;
    let notModified = 0;
    for (;;) {
      const res = await this.getJob(jobId, etag);
      if (res.status === 304) notModified++;
      else {
        expectStatus(res, 200);
        job = res.json();
        etag = res.headers.get('etag') ?? undefined;
      }
      if (job && ['completed', 'failed', 'cancelled'].includes(job.status)) {
        return { job: res.status === 304 ? job : res.json(), notModified };
      }
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job?.status}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Fails with the response body in the message, so a wrong status explains itself. */
export function expectStatus(res: ApiResponse, status: number): void {
  if (res.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${res.text.slice(0, 500)}`);
  }
}
