import type { Container } from 'inversify';
import type { AppConfig, ExecutionBackendName } from '@storyboard/runtime';
import {
  TOKENS,
  composeApp,
  createLogger,
  parseConfig,
  readSetting,
  sqsWorkerHandlerFor,
  stepTaskHandlersFor,
  type ComposeOptions,
} from '@storyboard/runtime';
import { durableHandlerFor } from '@storyboard/runtime/durable';
import { FAIL_STEP, FireAndForgetJobDispatcher, PIPELINE } from '@storyboard/domain';
import { buildStateMachineDefinition } from '@storyboard/aws/stepfunctions';
import type { TaskName } from '@storyboard/aws/stepfunctions';
import { LOCAL_ACCOUNT_ID, startLocalStack } from './start-local-stack';
import type { LocalStack, LocalStackOptions } from './start-local-stack';
import { startSqsEventSource } from './sqs-event-source/start-sqs-event-source';
import type { SqsEventSource } from './sqs-event-source/start-sqs-event-source';

export interface LocalAppOptions {
  backend: ExecutionBackendName;
  /** Other settings (LOG_LEVEL, CHUNK_MAX_CHARS, …); resource settings come from the stack. */
  env?: Record<string, string | undefined>;
  /** Keep DynamoDB and S3 data in this folder between runs. */
  persistDir?: string;
  /** Run even `sync` and `fire-and-forget` on the emulators instead of in memory. */
  useStack?: boolean;
  queue?: LocalStackOptions['queue'];
  /** Step Functions retry wait in ms (default 200: fast, still ordered). */
  retryIntervalMs?: number;
  /** Durable step retry delays × this (default 0.1: the handler's 2 s first delay → 200 ms). */
  durableRetryDelayScale?: number;
  /** SQS worker: simulated Lambda timeout per batch in ms (default 15 min). */
  functionTimeoutMs?: number;
  /** SQS worker: batches handled at once, like Lambda's concurrent invocations (default 1). */
  workerConcurrency?: number;
  /** Test hooks: rebind services (e.g. a fault-injecting generator) after composition. */
  overrides?: ComposeOptions['overrides'];
  onBackgroundError?: ComposeOptions['onBackgroundError'];
}

export interface LocalApp {
  config: AppConfig;
  container: Container;
  stack?: LocalStack;
  eventSource?: SqsEventSource;
  close(): Promise<void>;
}

const REGION = 'us-east-1';
/** How long `close()` lets runs already under way finish before it stops the emulators. */
const DRAIN_MS = 10_000;

/**
 * Waits (at most DRAIN_MS) for work still running in this process: fire-and-forget runs,
 * Step Functions executions and durable invocations. A run goes on briefly after its job is terminal (`complete`
 * then records the novel's latest job), and stopping the emulators under such a write makes
 * it fail; the SQS poller's own `stop()` already waits for its batch.
 */
async function drain(container: Container, stack?: LocalStack): Promise<void> {
  const dispatcher = container.get(TOKENS.JobDispatcher);
  const running = Promise.all([
    dispatcher instanceof FireAndForgetJobDispatcher ? dispatcher.idle() : undefined,
    stack?.stepFunctions.idle(),
    stack?.durable.idle(),
  ]);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_MS)));
  await Promise.race([running, timeout]);
  clearTimeout(timer);
}
const taskArn = (task: TaskName) =>
  `arn:aws:lambda:${REGION}:${LOCAL_ACCOUNT_ID}:function:storyboard-${task}`;

/**
 * The whole product in one process, wired exactly as on AWS: the local stack's emulators,
 * the real adapters, and the same handler factories the Lambdas use (the SQS worker behind
 * an event-source poller; the step handlers behind the Step Functions shim; the durable
 * handler behind the local durable-functions invoker). `sync` and
 * `fire-and-forget` run in memory unless `useStack` or `persistDir` asks for the emulators.
 */
export async function startLocalApp(options: LocalAppOptions): Promise<LocalApp> {
  const env = { ...options.env, EXECUTION_BACKEND: options.backend };
  const inProcess = options.backend === 'sync' || options.backend === 'fire-and-forget';
  if (inProcess && !options.useStack && !options.persistDir) {
    const config = parseConfig({ ...env, STORAGE: 'memory' });
    const container = composeApp(config, options);
    return { config, container, close: () => drain(container) };
  }

  // The state machine is created with the stack, before the config can be parsed (it needs
  // the machine's ARN); its Map concurrency is read here through the config schema.
  const maxConcurrency = readSetting(options.env ?? {}, 'SFN_MAX_CONCURRENCY');
  const stack = await startLocalStack({
    region: REGION,
    persistDir: options.persistDir,
    queue: options.queue,
    durable: { retryDelayScale: options.durableRetryDelayScale ?? 0.1 },
    stepFunctions: {
      retryIntervalMs: options.retryIntervalMs ?? 200,
      stateMachine: {
        name: 'storyboard-analysis',
        definition: buildStateMachineDefinition({
          taskResource: (task) => taskArn(task),
          maxConcurrency,
          retry: { intervalSeconds: 2, maxAttempts: 3, backoffRate: 2 },
        }),
      },
    },
  });
  try {
    const config = parseConfig({ ...env, ...stack.env, EXECUTION_BACKEND: options.backend });
    const container = composeApp(config, { ...options, clients: stack.clients });
    const logger = createLogger('storyboard-local', config.LOG_LEVEL);
    let eventSource: SqsEventSource | undefined;
    if (config.EXECUTION_BACKEND === 'sqs') {
      eventSource = await startSqsEventSource({
        sqs: stack.clients.sqs,
        queueUrl: stack.resources.queueUrl,
        handler: sqsWorkerHandlerFor(container, config, logger),
        batchSize: 1,
        visibilityTimeout: options.queue?.visibilityTimeoutSeconds,
        functionTimeoutMs: options.functionTimeoutMs ?? 15 * 60_000,
        concurrency: options.workerConcurrency ?? 1,
        functionName: 'storyboard-worker',
        onError: (err) => logger.error('event source error', { error: String(err) }),
      });
    }
    if (config.EXECUTION_BACKEND === 'stepfunctions') {
      const handlers = stepTaskHandlersFor(container, logger);
      const tasks: TaskName[] = [...PIPELINE.map((s) => s.name), FAIL_STEP];
      stack.stepFunctions.setTaskHandlers(
        Object.fromEntries(tasks.map((task) => [taskArn(task), handlers[task]])),
      );
    }
    if (config.EXECUTION_BACKEND === 'durable') {
      // Also resumes executions a killed process left running in a persisted store.
      stack.durable.setHandler(durableHandlerFor(container, config, logger, stack.durable.client));
    }
    return {
      config,
      container,
      stack,
      eventSource,
      close: async () => {
        await eventSource?.stop();
        await drain(container, stack);
        await stack.stop();
      },
    };
  } catch (err) {
    await stack.stop();
    throw err;
  }
}
