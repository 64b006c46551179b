import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DurableLambdaHandler } from '@aws/durable-execution-sdk-js';
import { TOKENS, composeApp, parseConfig } from '@storyboard/runtime';
import type { LocalStack } from '@storyboard/local-stack';
import { startLocalStack, startSqsEventSource } from '@storyboard/local-stack';
import { sampleBytes } from '@storyboard/local-stack/testing';
import { apiGatewayV2Event, lambdaContext } from '@storyboard/aws/testing';
import { LAMBDA_ENTRIES, bundleLambdas } from './bundle-lambdas';
import type { BundleResult } from './bundle-lambdas';

// Bundles go inside the workspace so `@aws-sdk/*` (left to the Lambda runtime) resolves
// from its node_modules, as it would from the runtime's.
const root = resolve(import.meta.dirname, '../../..');
const outdir = resolve(root, 'tmp/lambda-bundles-test');
const require = createRequire(import.meta.url);
const saved = { ...process.env };
let stack: LocalStack;
let bundles: BundleResult[];

beforeAll(async () => {
  bundles = await bundleLambdas(root, outdir);
  stack = await startLocalStack();
  // What the deployed functions get: resource settings, Lambda's own variables, no dev auth.
  Object.assign(process.env, stack.env, {
    EXECUTION_BACKEND: 'sqs',
    AWS_LAMBDA_FUNCTION_NAME: 'storyboard-test',
    LOG_LEVEL: 'SILENT',
    SYNC_MAX_CHARS: '100000000',
  });
}, 120_000);

afterAll(async () => {
  process.env = saved;
  await stack?.stop();
  await rm(outdir, { recursive: true, force: true });
});

type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;
type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

const load = <T>(name: string): T => {
  const bundle = bundles.find((b) => b.name === name);
  if (!bundle) throw new Error(`no bundle ${name}`);
  return (require(bundle.file) as { handler: T }).handler;
};

const context = lambdaContext();

it('bundles every handler into one CommonJS file that exports `handler`', () => {
  expect(bundles.map((b) => b.name)).toEqual(Object.keys(LAMBDA_ENTRIES));
  for (const bundle of bundles) {
    expect(bundle.bytes).toBeGreaterThan(0);
    // The durable function reads its own backend's settings at load, as it does on Lambda.
    const backend = bundle.name === 'durable' ? 'durable' : 'sqs';
    process.env.EXECUTION_BACKEND = backend;
    try {
      expect(typeof (require(bundle.file) as { handler: unknown }).handler).toBe('function');
    } finally {
      process.env.EXECUTION_BACKEND = 'sqs';
    }
  }
});

it('the bundled API and worker run a job end to end on the emulators', async () => {
  const api = load<ApiHandler>('api');
  const created = await api(
    apiGatewayV2Event({
      method: 'POST',
      path: '/novels?title=Lighthouse',
      user: 'user-1',
      body: await sampleBytes(),
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    }),
    context,
  );
  expect(created.statusCode).toBe(201);
  const novelId = (JSON.parse(created.body ?? '{}') as { id: string }).id;
  const started = await api(
    apiGatewayV2Event({ method: 'POST', path: `/novels/${novelId}/analyses`, user: 'user-1' }),
    context,
  );
  expect(started.statusCode).toBe(202);
  const jobId = (JSON.parse(started.body ?? '{}') as { jobId: string }).jobId;

  const source = await startSqsEventSource({
    sqs: stack.clients.sqs,
    queueUrl: stack.resources.queueUrl,
    handler: load<SqsHandler>('worker'),
    batchSize: 1,
  });
  try {
    let status = '';
    for (let i = 0; i < 200 && status !== 'completed' && status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const job = await api(
        apiGatewayV2Event({ method: 'GET', path: `/jobs/${jobId}`, user: 'user-1' }),
        context,
      );
      status = (JSON.parse(job.body ?? '{}') as { status: string }).status;
    }
    expect(status).toBe('completed');
    const other = await api(
      apiGatewayV2Event({ method: 'GET', path: `/jobs/${jobId}`, user: 'user-2' }),
      context,
    );
    expect(other.statusCode).toBe(404);
  } finally {
    await source.stop();
  }
});

it('a bundled step task throws errors named after the domain class, as Retry/Catch match them', async () => {
  const analyzeChunk =
    load<(input: unknown, context: Context) => Promise<unknown>>('sfn-analyze-chunk');
  const error = await analyzeChunk(
    { jobId: 'no-such-job', attempt: 1, chunkIndex: 0 },
    context,
  ).then(
    () => null,
    (err: unknown) => err as Error,
  );
  expect(error?.name).toBe('JobNotFoundError');
});

it('the bundled durable function runs a job through its own Lambda transport', async () => {
  // The bundle keeps the SDK's default transport (DurableExecutionApiClient): its checkpoints
  // go over HTTP to the local stack's Lambda endpoint (AWS_ENDPOINT_URL_LAMBDA), as on AWS.
  stack.durable.setHandler(load<DurableLambdaHandler>('durable'));
  const config = parseConfig({ ...stack.env, EXECUTION_BACKEND: 'durable', LOG_LEVEL: 'SILENT' });
  const container = composeApp(config, { clients: stack.clients });
  const novel = await container
    .get(TOKENS.SubmitNovel)
    .execute({ ownerId: 'user-1', title: 'Lighthouse', bytes: await sampleBytes() });
  const queued = await container
    .get(TOKENS.RequestAnalysis)
    .execute({ ownerId: 'user-1', novelId: novel.id });
  let job = queued;
  for (let i = 0; i < 400 && (job.status === 'queued' || job.status === 'running'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    job = await container.get(TOKENS.GetJob).execute({ ownerId: 'user-1', jobId: queued.id });
  }
  expect(job).toMatchObject({ status: 'completed', backend: 'durable' });
  await stack.durable.idle();
  expect(stack.durable.store.list()).toMatchObject([{ status: 'SUCCEEDED' }]);
});
