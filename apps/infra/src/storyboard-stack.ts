import type { StackProps } from 'aws-cdk-lib';
import { ArnFormat, CfnOutput, CfnParameter, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Alias } from 'aws-cdk-lib/aws-lambda';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { TaskName } from '@storyboard/aws/stepfunctions';
import { taskStateName } from '@storyboard/aws/stepfunctions';
import { AnalysisStateMachine } from './constructs/analysis-state-machine';
import type { BundleName, BundledFunctionProps } from './constructs/bundled-function';
import { BundledFunction } from './constructs/bundled-function';
import { StoryboardHttpApi } from './constructs/http-api';
import { JobQueues } from './constructs/job-queues';
import { Monitoring } from './constructs/monitoring';
import { CHUNK_PREFIX, JOB_PREFIX, NOVEL_PREFIX, Storage } from './constructs/storage';
import { acknowledge } from './nag-acknowledgements';
import type { ObjectAccess } from './policies';
import { dispatchAccess, grantObjects, readSecretAccess, tableAccess } from './policies';
import type { DeploySettings } from './settings';
import { visibilityTimeoutSeconds } from './settings';

export interface StoryboardStackProps extends StackProps {
  settings: DeploySettings;
  /** Folder of `npm run build:lambdas` output (dist/lambdas). */
  bundlesDir: string;
}

/** What each Step Functions task reads and writes in the bucket (libs/domain job-steps.ts):
 * prepare cuts the novel into chunk texts, each chunk step reads its own, and plan, fragments
 * and storyboard may overflow to `jobs/` items. */
const TASK_OBJECTS: Record<TaskName, { prefix: string; access: ObjectAccess[] }[]> = {
  prepare: [
    { prefix: NOVEL_PREFIX, access: ['read'] },
    { prefix: CHUNK_PREFIX, access: ['write'] },
    { prefix: JOB_PREFIX, access: ['read', 'write'] },
  ],
  'analyze-chunk': [
    { prefix: CHUNK_PREFIX, access: ['read'] },
    { prefix: JOB_PREFIX, access: ['read', 'write'] },
  ],
  assemble: [{ prefix: JOB_PREFIX, access: ['read', 'write'] }],
  complete: [{ prefix: JOB_PREFIX, access: ['read'] }],
  fail: [],
};
const TASKS = Object.keys(TASK_OBJECTS) as TaskName[];

/**
 * Storyboard on AWS: one stack with every execution backend's resources, so switching
 * `EXECUTION_BACKEND` changes the API function's environment and nothing else (no data
 * resource is replaced). Every function runs the esbuild bundle of tools/lambda-bundles.
 */
export class StoryboardStack extends Stack {
  readonly storage: Storage;
  readonly queues: JobQueues;
  readonly api: BundledFunction;
  readonly worker: BundledFunction;
  readonly durable: BundledFunction;
  readonly dlq: BundledFunction;
  readonly sweeper: BundledFunction;
  readonly tasks: Record<TaskName, BundledFunction>;
  readonly analysis: AnalysisStateMachine;
  readonly http: StoryboardHttpApi;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: StoryboardStackProps) {
    super(scope, id, props);
    const s = props.settings;
    const prod = s.stage === 'prod';
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const jwtIssuer = new CfnParameter(this, 'JwtIssuer', {
      type: 'String',
      description: 'Issuer URL of the JWTs the API accepts (e.g. a Cognito user pool URL)',
      allowedPattern: '^https://.+',
    });
    const jwtAudience = new CfnParameter(this, 'JwtAudience', {
      type: 'CommaDelimitedList',
      description: 'Accepted JWT audiences (aud or client_id), comma-separated',
    });

    const storage = (this.storage = new Storage(this, 'Storage', {
      prod,
      uploadOrigins: s.uploadOrigins,
      chunkTextExpiryDays: s.chunkTextExpiryDays,
    }));
    const queues = (this.queues = new JobQueues(this, 'Queues', {
      visibilityTimeoutSeconds: visibilityTimeoutSeconds(s),
      maxReceiveCount: s.maxReceiveCount,
    }));
    // The Qwen API key (issue 9's generator reads it through QWEN_SECRET_ARN). Created with a
    // random placeholder; put the real key with `aws secretsmanager put-secret-value`.
    const qwenSecret = new Secret(this, 'QwenApiKey', {
      description: 'Storyboard: the Qwen (DashScope) API key used by the LLM generator',
      removalPolicy,
    });
    acknowledge(
      qwenSecret,
      'AwsSolutions-SMG4',
      'A third-party API key: it is rotated at the provider (Alibaba Cloud Model Studio) and then put here; Secrets Manager cannot rotate it.',
    );

    const stateMachineName = `${this.stackName}-analysis`;
    const stateMachineArn = AnalysisStateMachine.arnOf(this, stateMachineName);
    const storageEnv = {
      STORAGE: 'aws',
      TABLE_NAME: storage.table.tableName,
      BUCKET_NAME: storage.bucket.bucketName,
      LOG_LEVEL: 'INFO',
    };
    const sqsEnv = {
      JOB_QUEUE_URL: queues.queue.queueUrl,
      MAX_RECEIVE_COUNT: String(s.maxReceiveCount),
    };
    const sfnEnv = {
      STATE_MACHINE_ARN: stateMachineArn,
      SFN_MAX_CONCURRENCY: String(s.sfnMaxConcurrency),
    };
    const qwenEnv = { QWEN_SECRET_ARN: qwenSecret.secretArn };
    // Durable backend: executions start on the alias `live` of a function with a fixed name
    // (its own environment names that ARN too, so it cannot come from the alias construct).
    const durableName = `${this.stackName}-durable`;
    const durableArn = this.formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: durableName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const durableEnv = {
      DURABLE_FUNCTION_ARN: `${durableArn}:live`,
      DURABLE_MAX_CONCURRENCY: String(s.sfnMaxConcurrency),
    };

    const fn = (
      id: string,
      bundle: BundleName,
      description: string,
      size: { memoryMb: number; timeoutSeconds: number },
      environment: Record<string, string>,
      extra: Pick<BundledFunctionProps, 'functionName' | 'durableConfig'> = {},
    ) =>
      new BundledFunction(this, id, {
        bundle,
        bundlesDir: props.bundlesDir,
        description,
        ...size,
        environment,
        logRetentionDays: s.logRetentionDays,
        removalPolicy,
        ...extra,
      });
    const tableStatements = tableAccess(storage.table, storage.indexNames);
    const readSecret = readSecretAccess(qwenSecret.secretArn);

    // Dispatching a job attempt on any backend (the API and the sweeper do).
    const dispatchStatements = dispatchAccess({
      queueArn: queues.queue.queueArn,
      stateMachineArn,
      durableArn,
    });

    // API: the union of what any backend needs, so switching touches only EXECUTION_BACKEND
    // (sync runs the whole pipeline in the request, hence the job objects and the secret).
    const api = (this.api = fn(
      'Api',
      'api',
      'Storyboard HTTP API',
      { memoryMb: s.apiMemoryMb, timeoutSeconds: s.apiTimeoutSeconds },
      {
        EXECUTION_BACKEND: s.executionBackend,
        AUTH_MODE: 'jwt',
        ...storageEnv,
        ...sqsEnv,
        ...sfnEnv,
        ...durableEnv,
        ...qwenEnv,
      },
    ));
    for (const st of [...tableStatements, ...dispatchStatements, readSecret]) {
      api.role.addToPolicy(st);
    }
    acknowledge(
      api.role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:${durableName}:live/durable-execution/*]`,
      'Durable executions get their ARNs at run time (one per job attempt, under the function’s alias); list and stop are limited to this one function’s executions.',
    );
    grantObjects(api.role, storage.bucket, NOVEL_PREFIX, ['read', 'write']);
    grantObjects(api.role, storage.bucket, CHUNK_PREFIX, ['read', 'write']);
    grantObjects(api.role, storage.bucket, JOB_PREFIX, ['read', 'write']);

    // SQS backend: the worker consumes the jobs queue and enqueues its own continuations.
    const worker = (this.worker = fn(
      'Worker',
      'worker',
      'Storyboard SQS worker: runs analysis jobs',
      { memoryMb: s.workerMemoryMb, timeoutSeconds: s.workerTimeoutSeconds },
      {
        EXECUTION_BACKEND: 'sqs',
        ...storageEnv,
        ...sqsEnv,
        WORKER_RESERVE_MS: String(s.workerReserveMs),
        ...qwenEnv,
      },
    ));
    for (const st of [
      ...tableStatements,
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queues.queue.queueArn] }),
      readSecret,
    ]) {
      worker.role.addToPolicy(st);
    }
    grantObjects(worker.role, storage.bucket, NOVEL_PREFIX, ['read']);
    grantObjects(worker.role, storage.bucket, CHUNK_PREFIX, ['read', 'write']);
    grantObjects(worker.role, storage.bucket, JOB_PREFIX, ['read', 'write']);
    // The event source grants exactly receive/delete/change-visibility/attributes on the queue.
    worker.fn.addEventSource(
      new SqsEventSource(queues.queue, {
        batchSize: s.workerBatchSize,
        maxConcurrency: s.workerMaxConcurrency,
        reportBatchItemFailures: true,
      }),
    );

    // Step Functions backend: one function per task, each with only its own objects.
    const tasks = (this.tasks = Object.fromEntries(
      TASKS.map((task) => {
        const f = fn(
          `Task${taskStateName(task)}`,
          `sfn-${task}` as BundleName,
          `Storyboard Step Functions task: ${task}`,
          { memoryMb: s.taskMemoryMb, timeoutSeconds: s.taskTimeoutSeconds },
          {
            EXECUTION_BACKEND: 'stepfunctions',
            ...storageEnv,
            ...sfnEnv,
            ...(task === 'analyze-chunk' ? qwenEnv : {}),
          },
        );
        for (const st of tableStatements) f.role.addToPolicy(st);
        for (const { prefix, access } of TASK_OBJECTS[task]) {
          grantObjects(f.role, storage.bucket, prefix, access);
        }
        if (task === 'analyze-chunk') f.role.addToPolicy(readSecret);
        return [task, f];
      }),
    ) as Record<TaskName, BundledFunction>);
    const analysis = (this.analysis = new AnalysisStateMachine(this, 'Analysis', {
      stateMachineName,
      tasks: Object.fromEntries(TASKS.map((t) => [t, tasks[t].fn])) as Record<
        TaskName,
        BundledFunction['fn']
      >,
      maxConcurrency: s.sfnMaxConcurrency,
      retry: {
        intervalSeconds: s.sfnRetryIntervalSeconds,
        maxAttempts: s.sfnRetryMaxAttempts,
        backoffRate: 2,
      },
    }));

    // Durable backend: one durable function walks the pipeline; `durableConfig` attaches the
    // managed policy for its checkpoints (AWSLambdaBasicDurableExecutionRolePolicy).
    const durable = (this.durable = fn(
      'Durable',
      'durable',
      'Storyboard durable job function: one durable execution per job attempt',
      { memoryMb: s.workerMemoryMb, timeoutSeconds: 900 },
      { EXECUTION_BACKEND: 'durable', ...storageEnv, ...durableEnv, ...qwenEnv },
      {
        functionName: durableName,
        durableConfig: { executionTimeout: Duration.days(1), retentionPeriod: Duration.days(14) },
      },
    ));
    for (const st of [...tableStatements, readSecret]) durable.role.addToPolicy(st);
    grantObjects(durable.role, storage.bucket, NOVEL_PREFIX, ['read']);
    grantObjects(durable.role, storage.bucket, CHUNK_PREFIX, ['read', 'write']);
    grantObjects(durable.role, storage.bucket, JOB_PREFIX, ['read', 'write']);
    new Alias(this, 'DurableLive', { aliasName: 'live', version: durable.fn.currentVersion });

    // No job left behind: the DLQ handler fails jobs whose message was dead-lettered, and the
    // sweeper (every minute) re-dispatches attempts whose lease ran out through the backend the
    // API uses, or fails them JOB.STALLED. Both find jobs by key or the sparse sweep index.
    const dlq = (this.dlq = fn(
      'DeadLetters',
      'dlq',
      'Storyboard dead-letter handler: fails jobs whose message reached the DLQ',
      { memoryMb: 256, timeoutSeconds: 60 },
      { EXECUTION_BACKEND: 'sqs', ...storageEnv, ...sqsEnv },
    ));
    for (const st of tableStatements) dlq.role.addToPolicy(st);
    dlq.fn.addEventSource(
      new SqsEventSource(queues.deadLetterQueue, { batchSize: 10, reportBatchItemFailures: true }),
    );
    const sweeper = (this.sweeper = fn(
      'Sweeper',
      'sweeper',
      'Storyboard sweeper: re-dispatches or fails stalled jobs',
      { memoryMb: 256, timeoutSeconds: 300 },
      {
        EXECUTION_BACKEND: s.executionBackend,
        ...storageEnv,
        ...sqsEnv,
        ...sfnEnv,
        ...durableEnv,
      },
    ));
    for (const st of [...tableStatements, ...dispatchStatements]) sweeper.role.addToPolicy(st);
    acknowledge(
      sweeper.role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:${durableName}:live/durable-execution/*]`,
      'Durable executions get their ARNs at run time (one per job attempt, under the function’s alias); list and stop are limited to this one function’s executions.',
    );
    new Rule(this, 'SweepEveryMinute', {
      description: 'Storyboard: run the stalled-job sweeper',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(sweeper.fn, { retryAttempts: 0 })],
    });

    const http = (this.http = new StoryboardHttpApi(this, 'Http', {
      handler: api.fn,
      jwtIssuer: jwtIssuer.valueAsString,
      jwtAudience: jwtAudience.valueAsList,
      logRetentionDays: s.logRetentionDays,
      removalPolicy,
    }));
    this.monitoring = new Monitoring(this, 'Monitoring', {
      dashboardName: `${this.stackName}`,
      queue: queues.queue,
      deadLetterQueue: queues.deadLetterQueue,
      worker: worker.fn,
      api: api.fn,
      httpApi: http.api,
      stateMachine: analysis.stateMachine,
      alarmEmail: s.alarmEmail,
    });

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output('ApiUrl', http.url, 'Base URL of the HTTP API');
    output('TableName', storage.table.tableName, 'DynamoDB table');
    output('BucketName', storage.bucket.bucketName, 'S3 bucket of novel texts');
    output('JobQueueUrl', queues.queue.queueUrl, 'SQS jobs queue');
    output('DeadLetterQueueUrl', queues.deadLetterQueue.queueUrl, 'SQS dead-letter queue');
    output('StateMachineArn', analysis.stateMachine.stateMachineArn, 'Analysis state machine');
    output('QwenSecretArn', qwenSecret.secretArn, 'Put the Qwen API key here');
  }
}
