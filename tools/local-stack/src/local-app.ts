import type { Container } from 'inversify';
import type { AppConfig, ExecutionBackendName } from '@storyboard/runtime';
import {
  TOKENS,
  composeApp,
  createLogger,
  parseConfig,
  readSetting,
  backendSettings,
  enabledDispatcher,
  dlqHandlerFor,
  sqsWorkerHandlerFor,
  stepTaskHandlersFor,
  sweeperFor,
  type ComposeOptions,
} from '@storyboard/runtime';
import type { SweepReport, SweepStalledJobs } from '@storyboard/domain';
import { durableHandlerFor } from '@storyboard/runtime/durable';
import { FAIL_STEP, FireAndForgetJobDispatcher, PIPELINE } from '@storyboard/domain';
import { buildStateMachineDefinition } from '@storyboard/aws/stepfunctions';
import type { TaskName } from '@storyboard/aws/stepfunctions';
import { LOCAL_ACCOUNT_ID, startLocalStack } from './start-local-stack';
import type { LocalStack, LocalStackOptions } from './start-local-stack';
import { scopeStepCalls } from './scope-step-calls';
import { startSqsEventSource } from './sqs-event-source/start-sqs-event-source';
import type { SqsEventSource } from './sqs-event-source/start-sqs-event-source';
import { claimDataDir } from './data-dir';
import { createSecret } from './emulators/secrets-manager-emulator';

export interface LocalAppOptions {
  backend: ExecutionBackendName;
  /** Other settings (LOG_LEVEL, CHUNK_MAX_CHARS, …); resource settings come from the stack. */
  env?: Record<string, string | undefined>;
  /** Keep DynamoDB and S3 data in this folder between runs. */
  persistDir?: string;
  /** Run even `sync` and `fire-and-forget` on the emulators instead of in memory. */
  useStack?: boolean;
  /** DynamoDB and S3 in a worker thread (`true`) instead of on this thread (default). */
  storageThread?: boolean;
  queue?: LocalStackOptions['queue'];
  /** Step Functions retry wait in ms (default 200: fast, still ordered). */
  retryIntervalMs?: number;
  /** Durable step retry delays × this (default 0.1: the handler's 2 s first delay → 200 ms). */
  durableRetryDelayScale?: number;
  /** SQS worker: simulated Lambda timeout per batch in ms (default 15 min). The queue's
   * visibility timeout defaults to 6 × this, as AWS asks of an event-source queue. */
  functionTimeoutMs?: number;
  /** How long `close()` lets work in flight finish before leaving it to the sweeper of the
   * next run (default 10 s). */
  drainMs?: number;
  /** Run the stalled-job sweeper every SWEEP_INTERVAL_MS on the stack (default true). */
  sweeper?: boolean;
  /** sqs: consume the dead-letter queue with the DLQ handler, as the deployed stack does
   * (default false, so tests can inspect what reached the DLQ; `npm start` and the CLI turn
   * it on). */
  deadLetterHandler?: boolean;
  /** SQS worker: batches handled at once, like Lambda's concurrent invocations (default 1). */
  workerConcurrency?: number;
  /** Keep `QWEN_API_KEY` in the stack's Secrets Manager emulation and hand the app
   * `QWEN_SECRET_ARN` instead, as on Lambda (the key is then read once, on the first chunk). */
  keyInSecretsManager?: boolean;
  /** Test hooks: rebind services (e.g. a fault-injecting generator) after composition. */
  overrides?: ComposeOptions['overrides'];
  onBackgroundError?: ComposeOptions['onBackgroundError'];
}

export interface LocalApp {
  config: AppConfig;
  container: Container;
  stack?: LocalStack;
  eventSource?: SqsEventSource;
  /** Consumes the dead-letter queue with the DLQ handler (sqs backend). */
  dlqEventSource?: SqsEventSource;
  /** Jobs an earlier run of the same data folder left unfinished, re-dispatched or failed at
   * start (only with `persistDir`). */
  recovered?: SweepReport & { crashedRun?: { pid: number; startedAt: string } };
  /** One sweep now (the timer does the same every SWEEP_INTERVAL_MS). */
  sweep?(): Promise<SweepReport>;
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
async function drain(container: Container, stack?: LocalStack, drainMs = DRAIN_MS): Promise<void> {
  const dispatcher = enabledDispatcher(container.get(TOKENS.JobDispatcher), 'fire-and-forget');
  const running = Promise.all([
    dispatcher instanceof FireAndForgetJobDispatcher ? dispatcher.idle() : undefined,
    stack?.stepFunctions.idle(),
    stack?.durable.idle(),
  ]);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)));
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
  const others = options.env?.ENABLED_BACKENDS?.split(',').map((b) => b.trim()) ?? [];
  const onlyInProcess = others.every((b) => b === 'sync' || b === 'fire-and-forget' || b === '');
  if (inProcess && onlyInProcess && !options.useStack && !options.persistDir) {
    const config = parseConfig({ ...env, STORAGE: 'memory' });
    const container = composeApp(config, options);
    return { config, container, close: () => drain(container) };
  }

  // The state machine is created with the stack, before the config can be parsed (it needs
  // the machine's ARN); its Map concurrency is read here through the config schema.
  const maxConcurrency = readSetting(options.env ?? {}, 'SFN_MAX_CONCURRENCY');
  const claim = options.persistDir ? await claimDataDir(options.persistDir) : undefined;
  const functionTimeoutMs = options.functionTimeoutMs ?? 15 * 60_000;
  const drainMs = options.drainMs ?? DRAIN_MS;
  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      region: REGION,
      persistDir: options.persistDir,
      storageThread: options.storageThread,
      durable: { retryDelayScale: options.durableRetryDelayScale ?? 0.1 },
      queue: {
        ...options.queue,
        // AWS: an event source's queue must hide a message at least 6 × the function timeout.
        visibilityTimeoutSeconds:
          options.queue?.visibilityTimeoutSeconds ?? Math.ceil((6 * functionTimeoutMs) / 1000),
      },
      stepFunctions: {
        retryIntervalMs: options.retryIntervalMs ?? 200,
        stateMachine: {
          name: 'storyboard-analysis',
          definition: buildStateMachineDefinition({
            taskResource: (task) => taskArn(task),
            maxConcurrency,
            retry: { intervalSeconds: 2, maxAttempts: 3, backoffRate: 2 },
            // The emulator applies the ASL spec's 60 s default to a Task with no timeout; AWS
            // does not. A task may run as long as its function.
            taskTimeoutSeconds: Math.ceil(functionTimeoutMs / 1000),
          }),
        },
      },
    });
  } catch (err) {
    await claim?.release();
    throw err;
  }
  const cleanup = async (): Promise<void> => {
    await stack.stop();
    await claim?.release();
  };
  try {
    const config = parseConfig({
      ...env,
      ...stack.env,
      ...(await secretSettings(stack, options)),
      EXECUTION_BACKEND: options.backend,
    });
    const container = composeApp(config, {
      ...options,
      clients: stack.clients,
      overrides: (c) => {
        options.overrides?.(c);
        scopeStepCalls(c, stack.calls);
      },
    });
    const logger = createLogger('storyboard-local', config.LOG_LEVEL);
    let eventSource: SqsEventSource | undefined;
    let dlqEventSource: SqsEventSource | undefined;
    // Every enabled backend's functions (ENABLED_BACKENDS), as the deployed stack has them.
    if (backendSettings(config, 'sqs')) {
      eventSource = await startSqsEventSource({
        sqs: stack.clients.sqs,
        queueUrl: stack.resources.queueUrl,
        handler: sqsWorkerHandlerFor(container, config, logger),
        batchSize: 1,
        visibilityTimeout: options.queue?.visibilityTimeoutSeconds,
        functionTimeoutMs,
        concurrency: options.workerConcurrency ?? 1,
        functionName: 'storyboard-worker',
        onError: (err) => logger.error('event source error', { error: String(err) }),
      });
      dlqEventSource = options.deadLetterHandler
        ? await startSqsEventSource({
            sqs: stack.clients.sqs,
            queueUrl: stack.resources.dlqUrl,
            handler: dlqHandlerFor(container, logger),
            batchSize: 1,
            // A record the handler could not finish (storage down) comes back in 2 s.
            visibilityTimeout: 2,
            functionName: 'storyboard-dlq',
            onError: (err) =>
              logger.error('dead-letter event source error', { error: String(err) }),
          })
        : undefined;
    }
    if (backendSettings(config, 'stepfunctions')) {
      const handlers = stepTaskHandlersFor(container, logger);
      const tasks: TaskName[] = [...PIPELINE.map((s) => s.name), FAIL_STEP];
      stack.stepFunctions.setTaskHandlers(
        Object.fromEntries(tasks.map((task) => [taskArn(task), handlers[task]])),
      );
    }
    if (backendSettings(config, 'durable')) {
      // Also resumes executions a killed process left running in a persisted store.
      stack.durable.setHandler(durableHandlerFor(container, config, logger, stack.durable.client));
    }
    const sweeper = sweeperFor(container, config);
    // The folder's store is this process's alone now (claimed above; LevelDB locks it too),
    // so every job an earlier run left unfinished is abandoned: resume or fail it now.
    const recovered = claim
      ? { ...(await sweeper.execute({ everything: true })), crashedRun: claim.crashed }
      : undefined;
    const timer =
      options.sweeper === false ? undefined : sweepEvery(sweeper, config.SWEEP_INTERVAL_MS, logger);
    const sources = [eventSource, dlqEventSource];
    return {
      config,
      container,
      stack,
      eventSource,
      dlqEventSource,
      recovered,
      sweep: () => sweeper.execute(),
      close: async () => {
        // One budget for everything in flight: a sweep, worker batches, executions.
        const deadline = Date.now() + drainMs;
        const left = () => Math.max(0, deadline - Date.now());
        await within(timer?.stop(), left());
        await Promise.all(sources.map((source) => source?.stop({ drainMs: left() })));
        await drain(container, stack, left());
        await cleanup();
      },
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** Waits for `work`, but at most `ms`. */
async function within(work: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** Runs the sweeper every `intervalMs` (one sweep at a time); `stop()` waits for a sweep in
 * flight. Its failures are logged: the next tick tries again. */
function sweepEvery(
  sweeper: SweepStalledJobs,
  intervalMs: number,
  logger: ReturnType<typeof createLogger>,
) {
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= sweeper
      .execute()
      .then((report) => {
        if (report.redispatched.length || report.failed.length || report.dispatchErrors.length) {
          logger.info('sweep', {
            redispatched: report.redispatched,
            failed: report.failed,
            dispatchErrors: report.dispatchErrors,
          });
        }
      })
      .catch((err: unknown) => logger.error('sweep failed', { error: String(err) }))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

/** With `keyInSecretsManager`: the key moves into the emulated Secrets Manager and the app
 * gets only the secret's ARN. */
async function secretSettings(
  stack: LocalStack,
  options: LocalAppOptions,
): Promise<Record<string, string | undefined>> {
  const key = options.env?.QWEN_API_KEY;
  if (!options.keyInSecretsManager || !key) return {};
  const value = JSON.stringify({ apiKey: key });
  const arn = await createSecret(stack.clients.secrets, 'storyboard/qwen-api-key', value);
  return { QWEN_API_KEY: undefined, QWEN_SECRET_ARN: arn };
}
