import { dirname, join } from 'node:path';
import type { DurableLambdaHandler } from '@aws/durable-execution-sdk-js';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { FAIL_STEP, PIPELINE } from '@storyboard/domain';
import type { JobRepository } from '@storyboard/domain';
import { buildStateMachineDefinition } from '@storyboard/aws/stepfunctions';
import type { TaskName } from '@storyboard/aws/stepfunctions';
import type { BundleResult } from '@storyboard/lambda-bundles';
import { LOCAL_ACCOUNT_ID, startLocalStack, startSqsEventSource } from '@storyboard/local-stack';
import type { LocalStack, SqsEventSource } from '@storyboard/local-stack';
import { TOKENS, composeApp, parseConfig } from '@storyboard/runtime';
import { LambdaSimulator } from '../lambda-sim/lambda-simulator';
import type { FunctionSpec } from '../lambda-sim/lambda-simulator';
import type { AwsService, CountedRequest, CountingProxy } from './counting-proxy';
import { startCountingProxy } from './counting-proxy';
import type { DurableUsage } from './execution-figures';
import { ExecutionFigures } from './execution-figures';

export type BenchBackend = 'sync' | 'sqs' | 'stepfunctions' | 'durable' | 'fire-and-forget';

/** The bundles (function names) the given backends' deployments run. */
export function functionsOf(backends: readonly BenchBackend[]): string[] {
  const names = new Set(['api']);
  for (const backend of backends) {
    if (backend === 'sqs') names.add('worker');
    if (backend === 'durable') names.add('durable');
    if (backend === 'stepfunctions')
      for (const task of [...PIPELINE.map((s) => s.name), FAIL_STEP]) names.add(`sfn-${task}`);
  }
  return [...names];
}

/** Configured memory per function (MB): the only constants besides prices. The same as the
 * CDK stack's defaults (apps/infra settings: API 1024, worker 1769 = one vCPU, tasks 1024). */
export const MEMORY_MB = { api: 1024, worker: 1769, tasks: 1024 } as const;

export interface SimStackOptions {
  backend: BenchBackend;
  bundles: readonly BundleResult[];
  /** App settings for every function (LOG_LEVEL, CHUNK_MAX_CHARS, GENERATOR…). */
  env: Record<string, string>;
  idleMs: number;
  concurrency: { api: number; worker: number; tasks: number };
  apiTimeoutMs: number;
  /** The queue's visibility timeout and the worker's function timeout, seconds. */
  visibilitySeconds: number;
  workerKillRate: number;
  sfnMaxConcurrency: number;
}

export interface SimStack {
  sim: LambdaSimulator;
  stack: LocalStack;
  jobs: JobRepository;
  eventSource?: SqsEventSource;
  /** Every AWS request the functions and the event source made. */
  requests(): CountedRequest[];
  invokeApi(event: unknown): Promise<{ statusCode: number; body?: string }>;
  /** Messages on the jobs queue (visible or in flight) and on the DLQ. */
  queueDepth(): Promise<{ queued: number; dlq: number }>;
  /** Status of a job attempt's execution, or undefined when there is none. */
  executionStatus(jobId: string, attempt: number): Promise<string | undefined>;
  /** Whether a durable execution of the job is still running. */
  durableRunning(jobId: string): boolean;
  /** State transitions of an attempt's execution, from its history (retries included). */
  transitions(jobId: string, attempt: number): Promise<{ transitions: number; retries: number }>;
  /** Durable executions, operations and step retries, from the checkpoint store. */
  durableUsage(): DurableUsage;
  close(): Promise<void>;
}

const REGION = 'us-east-1';
const ENDPOINT_VARS: Record<AwsService, string> = {
  dynamodb: 'AWS_ENDPOINT_URL_DYNAMODB',
  s3: 'AWS_ENDPOINT_URL_S3',
  sqs: 'AWS_ENDPOINT_URL_SQS',
  sfn: 'AWS_ENDPOINT_URL_SFN',
  lambda: 'AWS_ENDPOINT_URL_LAMBDA',
};
const taskArn = (task: TaskName) =>
  `arn:aws:lambda:${REGION}:${LOCAL_ACCOUNT_ID}:function:storyboard-${task}`;

/**
 * One backend's deployment, simulated: the local stack's emulators in this process, a
 * counting proxy in front of each, and every function (API, worker, step tasks) as its
 * bundled handler in simulated Lambda environments configured only by env. The SQS event
 * source and the Step Functions shim invoke the functions through the simulator.
 */
export async function startSimStack(options: SimStackOptions): Promise<SimStack> {
  const stack = await startLocalStack({
    region: REGION,
    queue: { visibilityTimeoutSeconds: options.visibilitySeconds, maxReceiveCount: 3 },
    // Step retry waits halved on both orchestrators (SFN 2 s → 1 s; durable 2 s × 0.5).
    durable: { retryDelayScale: 0.5 },
    stepFunctions: {
      retryIntervalMs: 1000,
      stateMachine: {
        name: 'storyboard-analysis',
        definition: buildStateMachineDefinition({
          taskResource: taskArn,
          maxConcurrency: options.sfnMaxConcurrency,
          // As the CDK stack's task functions (300 s): aws-local-stepfunctions otherwise applies
          // the ASL spec's 60 s default, which AWS does not, and a task queued behind the
          // concurrency limit on this loaded machine fails States.Timeout.
          taskTimeoutSeconds: 300,
          retry: { intervalSeconds: 2, maxAttempts: 3, backoffRate: 2 },
        }),
      },
    },
  });
  const proxies: CountingProxy[] = [];
  const bundleDir = dirname(dirname(options.bundles[0]?.file ?? '.'));
  const sim = new LambdaSimulator({
    idleMs: options.idleMs,
    compileCacheDir: join(bundleDir, '.compile-cache'),
  });
  let eventSource: SqsEventSource | undefined;
  let countedSqs: SQSClient | undefined;
  try {
    const env: Record<string, string> = { ...stack.env };
    for (const [service, variable] of Object.entries(ENDPOINT_VARS) as [AwsService, string][]) {
      const proxy = await startCountingProxy(service, stack.env[variable] ?? '');
      proxies.push(proxy);
      env[variable] = proxy.url;
    }
    // The SDK sends SQS calls to the queue URL's host: point the URLs at the proxy too.
    const viaProxy = (url: string) =>
      url.replace(new URL(url).origin, env.AWS_ENDPOINT_URL_SQS ?? '');
    const queueUrl = viaProxy(stack.resources.queueUrl);
    env.JOB_QUEUE_URL = queueUrl;
    // The worker stops starting chunks with a fifth of its timeout left, as the CDK stack's
    // (60 s of 300 s); the app's 60 s default exceeds this bench's 30 s worker timeout and
    // would make every invocation yield after its first chunks.
    env.WORKER_RESERVE_MS = String(Math.round(options.visibilitySeconds * 200));
    Object.assign(env, options.env, {
      EXECUTION_BACKEND: options.backend,
      ALLOW_UNSAFE_FIRE_AND_FORGET: 'true',
      SFN_MAX_CONCURRENCY: String(options.sfnMaxConcurrency),
      DURABLE_MAX_CONCURRENCY: String(options.sfnMaxConcurrency),
    });
    const bundle = (name: string) => {
      const found = options.bundles.find((b) => b.name === name);
      if (!found) throw new Error(`No bundle for ${name}.`);
      return found.file;
    };
    const fn = (name: string, spec: Omit<FunctionSpec, 'name' | 'module' | 'env'>) =>
      sim.register({ name, module: bundle(name), env, ...spec });

    fn('api', {
      memoryMb: MEMORY_MB.api,
      timeoutMs: options.apiTimeoutMs,
      concurrency: options.concurrency.api,
    });
    if (options.backend === 'sqs') {
      fn('worker', {
        memoryMb: MEMORY_MB.worker,
        timeoutMs: options.visibilitySeconds * 1000,
        concurrency: options.concurrency.worker,
        killRate: options.workerKillRate,
        killWithinMs: 2000,
      });
      countedSqs = new SQSClient({
        region: REGION,
        credentials: stack.credentials,
        endpoint: env.AWS_ENDPOINT_URL_SQS,
      });
      eventSource = await startSqsEventSource({
        sqs: countedSqs,
        queueUrl,
        handler: async (event) => (await sim.invoke('worker', event)) as never,
        batchSize: 1,
        concurrency: options.concurrency.worker,
        functionTimeoutMs: options.visibilitySeconds * 1000,
        functionName: 'worker',
        onError: () => undefined, // failures are counted as retries and DLQ arrivals
      });
    }
    if (options.backend === 'stepfunctions') {
      const tasks: TaskName[] = [...PIPELINE.map((s) => s.name), FAIL_STEP];
      for (const task of tasks) {
        fn(`sfn-${task}`, {
          memoryMb: MEMORY_MB.tasks,
          timeoutMs: 15 * 60_000,
          concurrency: options.concurrency.tasks,
          killRate: task === 'analyze-chunk' ? options.workerKillRate : 0,
          killWithinMs: 2000,
        });
      }
      stack.stepFunctions.setTaskHandlers(
        Object.fromEntries(
          tasks.map((task) => [
            taskArn(task),
            (input: unknown) => sim.invoke(`sfn-${task}`, input),
          ]),
        ),
      );
    }

    if (options.backend === 'durable') {
      // As the CDK stack deploys it: worker memory, 15-min invocations; the local service
      // plays the durable invocation loop and invokes the function through the simulator.
      fn('durable', {
        memoryMb: MEMORY_MB.worker,
        timeoutMs: 15 * 60_000,
        concurrency: options.concurrency.worker,
        killRate: options.workerKillRate,
        killWithinMs: 2000,
      });
      stack.durable.setHandler((async (event: unknown) =>
        sim.invoke('durable', event)) as unknown as DurableLambdaHandler);
    }

    // The bench's own reads (polling jobs) go straight to the emulators: not counted, not billed.
    const config = parseConfig({ ...stack.env, EXECUTION_BACKEND: 'sync', LOG_LEVEL: 'SILENT' });
    const jobs = composeApp(config, { clients: stack.clients }).get(TOKENS.JobRepository);
    const figures = new ExecutionFigures(stack, REGION, LOCAL_ACCOUNT_ID);
    const attribute = async (url: string) => {
      const out = await stack.clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return (
        Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) +
        Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
      );
    };

    return {
      sim,
      stack,
      jobs,
      eventSource,
      requests: () => proxies.flatMap((p) => p.requests),
      invokeApi: async (event) =>
        (await sim.invoke('api', event)) as { statusCode: number; body?: string },
      queueDepth: async () => {
        const [queued, dlq] = await Promise.all([
          attribute(stack.resources.queueUrl),
          attribute(stack.resources.dlqUrl),
        ]);
        // local-aws-sqs counts in-flight messages in ApproximateNumberOfMessages (quirk 5).
        return { queued: Math.max(queued, 0), dlq };
      },
      executionStatus: (jobId, attempt) => figures.sfnStatus(jobId, attempt),
      durableRunning: (jobId) => figures.durableRunning(jobId),
      transitions: (jobId, attempt) => figures.transitions(jobId, attempt),
      durableUsage: () => figures.durableUsage(),
      close: async () => {
        await sim.close(); // pending invocations fail at once, so the poller's stop is quick
        await eventSource?.stop();
        await stack.stepFunctions.idle();
        await stack.durable.idle();
        countedSqs?.destroy();
        await stack.stop();
        await Promise.all(proxies.map((p) => p.close()));
      },
    };
  } catch (err) {
    await sim.close();
    await stack.stop();
    await Promise.all(proxies.map((p) => p.close()));
    throw err;
  }
}
