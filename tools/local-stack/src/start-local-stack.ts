import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SdkCallCounter } from '@storyboard/aws/metrics';
import type { RunningEmulator } from './emulators/dynamodb-emulator';
import { S3RVER_CREDENTIALS, s3ClientFor } from './emulators/s3-emulator';
import { startStorageEmulators } from './emulators/storage-emulators';
import { startSqsEmulator } from './emulators/sqs-emulator';
import { startSecretsManagerEmulator } from './emulators/secrets-manager-emulator';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type {
  SqsEventSource,
  SqsEventSourceOptions,
} from './sqs-event-source/start-sqs-event-source';
import { startSqsEventSource } from './sqs-event-source/start-sqs-event-source';
import type { StepFunctionsShimOptions } from './stepfunctions/step-functions-shim';
import { StepFunctionsShim } from './stepfunctions/step-functions-shim';
import type { LocalDurableServiceOptions } from './durable/local-durable-service';
import { LocalDurableService } from './durable/local-durable-service';
import { createQueues, createStateMachine, createTable } from './local-resources';

/** The account id in every local ARN and queue URL. */
export const LOCAL_ACCOUNT_ID = '000000000000';

export interface LocalStackOptions {
  /** A folder that keeps DynamoDB (`<dir>/dynamodb`, dynalite's LevelDB store) and S3
   * (`<dir>/s3`, s3rver's files) between runs: the table's items point at S3 objects (novel
   * texts, overflow payloads), so one without the other would dangle. Absent: DynamoDB in
   * memory, S3 in memory (s3rver over an in-memory store), both gone on stop. Durable
   * executions and their checkpoints persist too (`<dir>/durable`); queues and Step Functions
   * executions never. */
  persistDir?: string;
  /** Default `us-east-1`. */
  region?: string;
  /** Resource names (defaults: `storyboard-local`, `storyboard-local`, `storyboard-jobs`,
   * `storyboard-jobs-dlq`). */
  names?: { table?: string; bucket?: string; queue?: string; dlq?: string };
  queue?: {
    /** The jobs queue's visibility timeout, seconds (default 30). */
    visibilityTimeoutSeconds?: number;
    /** Receives before a message moves to the DLQ (default 3). */
    maxReceiveCount?: number;
  };
  stepFunctions?: Omit<StepFunctionsShimOptions, 'region' | 'accountId'> & {
    /** A state machine to create at start; its ARN is `resources.stateMachineArn`. */
    stateMachine?: { name?: string; definition: object | string };
  };
  /** Run DynamoDB and S3 in a worker thread of this process (default false: on this
   * thread). On AWS their work is not the app's; in a thread it can overlap the app's on an
   * idle multi-core machine, at the cost of a thread hop per call and a second heap. Either
   * way the app reaches them over HTTP. */
  storageThread?: boolean;
  /** The durable function's emulation (name, alias, retry delay scale, timeout). */
  durable?: Pick<
    LocalDurableServiceOptions,
    'functionName' | 'alias' | 'retryDelayScale' | 'timeoutMs' | 'onError'
  >;
}

export interface LocalStackClients {
  /** Document client over `dynamodbRaw`, `removeUndefinedValues` on. */
  dynamodb: DynamoDBDocumentClient;
  dynamodbRaw: DynamoDBClient;
  /** Path-style, checksums only when required (s3rver, TOOLCHAIN.md). */
  s3: S3Client;
  sqs: SQSClient;
  sfn: SFNClient;
  lambda: LambdaClient;
  secrets: SecretsManagerClient; // the emulation: CreateSecret, GetSecretValue
}

export interface LocalStackResources {
  tableName: string;
  bucket: string;
  queueUrl: string;
  queueArn: string;
  dlqUrl: string;
  dlqArn: string;
  stateMachineArn?: string;
  /** The durable function's qualified ARN (`…:function:storyboard-durable:live`). */
  durableFunctionArn: string;
}

type Four<T> = [T, T, T, T];

export interface LocalStack {
  endpoints: { dynamodb: string; s3: string; sqs: string; stepFunctions: string; lambda: string };
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  clients: LocalStackClients;
  resources: LocalStackResources;
  /** What a process needs to reach this stack with the SDK's default configuration:
   * region, credentials, `AWS_ENDPOINT_URL_*`, checksum mode and the app's resource
   * variables (`STORAGE=aws`, `TABLE_NAME`, `BUCKET_NAME`, `JOB_QUEUE_URL`,
   * `STATE_MACHINE_ARN`, `DURABLE_FUNCTION_ARN`). `EXECUTION_BACKEND` is left to the caller. */
  env: Record<string, string>;
  /** Every request the stack's clients sent, per service and operation (SDK middleware):
   * `calls.snapshot()` before, `calls.since(snapshot)` after. State transitions are
   * `stepFunctions.stateTransitions()`. */
  calls: SdkCallCounter;
  /** The Step Functions shim: `setTaskHandlers`, `idle`. */
  stepFunctions: StepFunctionsShim;
  /** Lambda durable functions for the durable handler: `setHandler`, `client`, `idle`. */
  durable: LocalDurableService;
  /** Starts an SQS poller on this stack's jobs queue (or `queueUrl`) that `stop()` stops. */
  startSqsEventSource(
    options: Omit<SqsEventSourceOptions, 'sqs' | 'queueUrl'> & { queueUrl?: string },
  ): Promise<SqsEventSource>;
  /** Closes every client, server and execution, and deletes the S3 temp folder. */
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB (dynalite), SQS (local-aws-sqs), S3 (s3rver) and a Step Functions shim in
 * this process (DynamoDB and S3 in a worker thread with `storageThread: true`), each on
 * 127.0.0.1 and a free port, then creates the table, the bucket, the
 * jobs queue with its DLQ (redrive after `maxReceiveCount` receives) and, if given, the state
 * machine. Nothing is shared between two stacks: start as many as you like.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const region = options.region ?? 'us-east-1';
  const credentials = { ...S3RVER_CREDENTIALS };
  const names = {
    table: options.names?.table ?? 'storyboard-local',
    bucket: options.names?.bucket ?? 'storyboard-local',
    queue: options.names?.queue ?? 'storyboard-jobs',
    dlq: options.names?.dlq ?? `${options.names?.queue ?? 'storyboard-jobs'}-dlq`,
  };
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) throw new AggregateError(errors, 'The local stack did not stop cleanly.');
  };

  try {
    const { stateMachine, ...shimOptions } = options.stepFunctions ?? {};
    const shim = new StepFunctionsShim({ ...shimOptions, region, accountId: LOCAL_ACCOUNT_ID });
    const durable = new LocalDurableService({
      ...options.durable,
      region,
      accountId: LOCAL_ACCOUNT_ID,
      directory: options.persistDir && join(options.persistDir, 'durable'),
    });
    const [storage, ...servers] = await Promise.allSettled([
      startStorageEmulators({
        dynamodb: { persistDir: options.persistDir && join(options.persistDir, 'dynamodb') },
        s3: {
          bucket: names.bucket,
          directory: options.persistDir && join(options.persistDir, 's3'),
        },
        thread: options.storageThread,
      }),
      startSqsEmulator({ region, accountId: LOCAL_ACCOUNT_ID }),
      shim.start().then((endpoint) => ({ endpoint, close: () => shim.close() })),
      durable.start().then((endpoint) => ({ endpoint, close: () => durable.close() })),
      startSecretsManagerEmulator({ region, accountId: LOCAL_ACCOUNT_ID }),
    ]);
    for (const result of [storage, ...servers]) {
      if (result.status === 'fulfilled') cleanups.push(() => result.value.close());
    }
    if (storage.status === 'rejected') throw storage.reason;
    const failed = servers.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const { dynamodb: dynamo, s3 } = storage.value;
    const [sqs, sfn, lambda, secretsManager] = servers.map(
      (r) => (r as PromiseFulfilledResult<RunningEmulator>).value,
    ) as Four<RunningEmulator>;

    const common = { region, credentials };
    const dynamodbRaw = new DynamoDBClient({ ...common, endpoint: dynamo.endpoint });
    const clients: LocalStackClients = {
      dynamodbRaw,
      dynamodb: DynamoDBDocumentClient.from(dynamodbRaw, {
        marshallOptions: { removeUndefinedValues: true },
      }),
      s3: s3ClientFor(s3.endpoint, region),
      sqs: new SQSClient({ ...common, endpoint: sqs.endpoint }),
      sfn: new SFNClient({ ...common, endpoint: sfn.endpoint }),
      lambda: new LambdaClient({ ...common, endpoint: lambda.endpoint }),
      secrets: new SecretsManagerClient({ ...common, endpoint: secretsManager.endpoint }),
    };
    const calls = new SdkCallCounter();
    calls.attach(dynamodbRaw, 'DynamoDB');
    calls.attach(clients.s3, 'S3');
    calls.attach(clients.sqs, 'SQS');
    calls.attach(clients.sfn, 'SFN');
    // Runs before the servers close (cleanups run in reverse), so no socket is left open.
    cleanups.push(async () => {
      clients.dynamodb.destroy();
      dynamodbRaw.destroy();
      clients.s3.destroy();
      clients.sqs.destroy();
      clients.sfn.destroy();
      clients.lambda.destroy();
      clients.secrets.destroy();
    });

    const [queues, stateMachineArn] = await Promise.all([
      createQueues(clients.sqs, names, options.queue ?? {}),
      stateMachine
        ? createStateMachine(clients.sfn, stateMachine, region, LOCAL_ACCOUNT_ID)
        : undefined,
      createTable(clients.dynamodbRaw, names.table),
    ]);

    const resources: LocalStackResources = {
      tableName: names.table,
      bucket: names.bucket,
      ...queues,
      ...(stateMachineArn ? { stateMachineArn } : {}),
      durableFunctionArn: durable.functionArn,
    };
    const env: Record<string, string> = {
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SQS: sqs.endpoint,
      AWS_ENDPOINT_URL_SFN: sfn.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager.endpoint,
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
      STORAGE: 'aws',
      TABLE_NAME: resources.tableName,
      BUCKET_NAME: resources.bucket,
      JOB_QUEUE_URL: resources.queueUrl,
      ...(stateMachineArn ? { STATE_MACHINE_ARN: stateMachineArn } : {}),
      DURABLE_FUNCTION_ARN: durable.functionArn,
    };

    // Pollers stop first (cleanups run in reverse): their last batches still reach the
    // handler and are deleted while every server is up.
    const pollers: SqsEventSource[] = [];
    cleanups.push(async () => {
      await Promise.all(pollers.splice(0).map((p) => p.stop()));
    });

    let stopping: Promise<void> | undefined;
    return {
      endpoints: {
        dynamodb: dynamo.endpoint,
        s3: s3.endpoint,
        sqs: sqs.endpoint,
        stepFunctions: sfn.endpoint,
        lambda: lambda.endpoint,
      },
      region,
      credentials,
      clients,
      resources,
      env,
      calls,
      stepFunctions: shim,
      durable,
      startSqsEventSource: async (sourceOptions) => {
        if (stopping) throw new Error('The local stack is stopping.');
        const poller = await startSqsEventSource({
          ...sourceOptions,
          sqs: clients.sqs,
          queueUrl: sourceOptions.queueUrl ?? resources.queueUrl,
        });
        pollers.push(poller);
        return poller;
      },
      stop: () => (stopping ??= stopAll()),
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
