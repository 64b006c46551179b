import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import type { CfnElement } from 'aws-cdk-lib';
import { buildStateMachineDefinition, taskStateName } from '@storyboard/aws/stepfunctions';
import type { TaskName } from '@storyboard/aws/stepfunctions';
import { LAMBDA_ENTRIES } from '@storyboard/lambda-bundles';
import { parseConfig } from '@storyboard/runtime';
import { ALARMS } from './constructs/monitoring';
import { PUBLIC_DOC_ROUTES } from './constructs/http-api';
import type { DeployableBackend } from './settings';
import { DEPLOYABLE_BACKENDS, parseDeploySettings, visibilityTimeoutSeconds } from './settings';
import type { Synth } from './testing/synth';
import { resolveIntrinsics, resourcesOf, synth } from './testing/synth';

const bundlesDir = inject('bundlesDir');
const defaults = parseDeploySettings(() => undefined);
const synths = new Map<DeployableBackend, Synth>();

beforeAll(async () => {
  for (const backend of DEPLOYABLE_BACKENDS) {
    synths.set(backend, await synth(bundlesDir, { executionBackend: backend }));
  }
}, 300_000);
afterAll(async () => {
  for (const s of synths.values()) await s.cleanup();
});

const logicalId = (s: Synth, element: unknown): string =>
  s.stack.resolve(s.stack.getLogicalId(element as CfnElement)) as string;
const props = (s: Synth, id: string): Record<string, unknown> =>
  s.json.Resources[id]?.Properties ?? {};

describe.each(DEPLOYABLE_BACKENDS)('EXECUTION_BACKEND=%s', (backend) => {
  const get = () => synths.get(backend) as Synth;

  it('gives the jobs queue a visibility timeout of at least 6 × the worker timeout', () => {
    const s = get();
    const queue = props(s, logicalId(s, s.stack.queues.queue.node.defaultChild));
    const worker = props(s, logicalId(s, s.stack.worker.fn.node.defaultChild));
    expect(worker.Timeout).toBe(defaults.workerTimeoutSeconds);
    expect(queue.VisibilityTimeout).toBe(visibilityTimeoutSeconds(defaults));
    expect(queue.VisibilityTimeout as number).toBeGreaterThanOrEqual(
      6 * (worker.Timeout as number),
    );
  });

  it('redrives job messages to the DLQ after 3 receives', () => {
    const s = get();
    const queue = props(s, logicalId(s, s.stack.queues.queue.node.defaultChild));
    const dlq = logicalId(s, s.stack.queues.deadLetterQueue.node.defaultChild);
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] },
      maxReceiveCount: 3,
    });
    // The worker marks a failing job failed on that same receive (one setting, two uses).
    const worker = props(s, logicalId(s, s.stack.worker.fn.node.defaultChild));
    expect(worker.Environment).toMatchObject({ Variables: { MAX_RECEIVE_COUNT: '3' } });
  });

  it('feeds the worker from the jobs queue with ReportBatchItemFailures and the size settings', () => {
    const s = get();
    s.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: {
        'Fn::GetAtt': [logicalId(s, s.stack.queues.queue.node.defaultChild), 'Arn'],
      },
      FunctionName: { Ref: logicalId(s, s.stack.worker.fn.node.defaultChild) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: defaults.workerBatchSize,
      ScalingConfig: { MaximumConcurrency: defaults.workerMaxConcurrency },
    });
  });

  it('deploys the state machine definition the domain generates, tasks on their functions', () => {
    const s = get();
    const [[, machine] = []] = resourcesOf(s.json, 'AWS::StepFunctions::StateMachine');
    const deployed = JSON.parse(
      resolveIntrinsics(machine?.Properties?.DefinitionString, s.json) as string,
    ) as unknown;
    const expected = buildStateMachineDefinition({
      taskResource: (task: TaskName) =>
        `arn:aws:test:us-east-1:123456789012:${logicalId(s, s.stack.tasks[task].fn.node.defaultChild)}`,
      maxConcurrency: defaults.sfnMaxConcurrency,
      retry: {
        intervalSeconds: defaults.sfnRetryIntervalSeconds,
        maxAttempts: defaults.sfnRetryMaxAttempts,
        backoffRate: 2,
      },
    });
    expect(deployed).toEqual(expected);
    expect(machine?.Properties?.StateMachineType).toBe('STANDARD');
    expect(Object.keys(s.stack.tasks).map((t) => taskStateName(t as TaskName))).toContain(
      'AnalyzeChunk',
    );
  });

  it('encrypts the table, the bucket and both queues', () => {
    const s = get();
    s.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
    });
    s.template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    const queues = resourcesOf(s.json, 'AWS::SQS::Queue');
    expect(queues).toHaveLength(2);
    for (const [, q] of queues) expect(q.Properties?.SqsManagedSseEnabled).toBe(true);
  });

  it('expires chunk texts and abandoned multipart uploads; lets browsers PUT presigned uploads', () => {
    const s = get();
    s.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
          Match.objectLike({ Prefix: 'chunks/', ExpirationInDays: defaults.chunkTextExpiryDays }),
        ]),
      },
      CorsConfiguration: {
        CorsRules: [Match.objectLike({ AllowedMethods: ['PUT'], AllowedOrigins: ['*'] })],
      },
    });
  });

  it('denies any request to the bucket or the queues that is not over TLS', () => {
    const s = get();
    const tlsOnly = Match.objectLike({
      Effect: 'Deny',
      Action: Match.anyValue(),
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([tlsOnly]) },
    });
    s.template.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      { PolicyDocument: { Statement: Match.arrayWith([tlsOnly]) } },
      2,
    );
  });

  it('requires the JWT authorizer on every route except the docs', () => {
    const s = get();
    const [[authorizerId, authorizer] = []] = resourcesOf(s.json, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer?.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: { Ref: 'JwtIssuer' }, Audience: { Ref: 'JwtAudience' } },
    });
    const routes = resourcesOf(s.json, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    expect(routes.map((r) => r?.RouteKey).sort()).toEqual(
      ['ANY /{proxy+}', ...PUBLIC_DOC_ROUTES].sort(),
    );
    for (const route of routes) {
      if ((PUBLIC_DOC_ROUTES as readonly unknown[]).includes(route?.RouteKey)) {
        expect(route?.AuthorizationType).toBe('NONE');
      } else {
        expect(route).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerId },
        });
      }
    }
  });

  it('gives every function, and the API access logs, a log group with retention', () => {
    const s = get();
    const groups = Object.fromEntries(resourcesOf(s.json, 'AWS::Logs::LogGroup'));
    for (const group of Object.values(groups)) {
      expect(group.Properties?.RetentionInDays).toBe(14);
    }
    const functions = resourcesOf(s.json, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(Object.keys(LAMBDA_ENTRIES).length);
    for (const [, fn] of functions) {
      const ref = (fn.Properties?.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(groups[ref]).toBeDefined();
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
    }
    s.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
      },
    });
  });

  it('has every alarm, each notifying the alarm topic', () => {
    const s = get();
    const alarms = resourcesOf(s.json, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms).toHaveLength(ALARMS.length);
    const metrics = alarms.map((a) => `${String(a?.Namespace)}/${String(a?.MetricName)}`).sort();
    expect(metrics).toEqual(
      [
        'AWS/SQS/ApproximateNumberOfMessagesVisible',
        'AWS/Lambda/Errors',
        'AWS/Lambda/Throttles',
        'AWS/States/ExecutionsFailed',
        'AWS/ApiGateway/5xx',
      ].sort(),
    );
    const topic = logicalId(s, s.stack.monitoring.topic.node.defaultChild);
    for (const a of alarms) {
      expect(a).toMatchObject({ Threshold: 0, AlarmActions: [{ Ref: topic }] });
    }
    s.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('grants no IAM statement a wildcard action or an all-resources resource', () => {
    const s = get();
    const statements = resourcesOf(s.json, 'AWS::IAM::Policy').flatMap(([, p]) => {
      const doc = p.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] };
      return doc.Statement;
    });
    expect(statements.length).toBeGreaterThan(20);
    // Wildcards only as the tail of a named resource: a key prefix, a log stream name, or the
    // durable function's executions under its alias.
    const allowedTail =
      /^arn:aws:[a-z0-9-]+:[^*]*[^*:](\/novels\/\*|\/chunks\/\*|\/jobs\/\*|:log-stream:\*|:live\/durable-execution\/\*)?$/;
    for (const st of statements) {
      expect(st.Effect).toBe('Allow');
      for (const action of [st.Action].flat()) expect(String(action)).not.toContain('*');
      for (const resource of [resolveIntrinsics(st.Resource, s.json)].flat()) {
        expect(String(resource)).toMatch(allowedTail);
      }
      expect(st).not.toHaveProperty('NotAction');
      expect(st).not.toHaveProperty('NotResource');
    }
    for (const [, role] of resourcesOf(s.json, 'AWS::IAM::Role')) {
      expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties?.Policies).toBeUndefined();
    }
  });

  it('configures each function with an environment the runtime config accepts on Lambda', () => {
    const s = get();
    for (const [id, fn] of resourcesOf(s.json, 'AWS::Lambda::Function')) {
      const env = resolveIntrinsics(
        (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables,
        s.json,
      ) as Record<string, string>;
      const config = parseConfig({ ...env, AWS_LAMBDA_FUNCTION_NAME: id });
      expect(config).toMatchObject({ STORAGE: 'aws', AUTH_MODE: 'jwt' });
    }
    const api = props(s, logicalId(s, s.stack.api.fn.node.defaultChild));
    expect(api.Environment).toMatchObject({ Variables: { EXECUTION_BACKEND: backend } });
  });
});

describe('switching EXECUTION_BACKEND', () => {
  // The sweeper re-dispatches stalled attempts through the backend the API dispatches with,
  // so it follows the same setting; nothing else changes.
  it('changes only the API and sweeper functions’ environment between two synths', () => {
    const [first, ...others] = DEPLOYABLE_BACKENDS.map((b) => synths.get(b) as Synth);
    const base = first as Synth;
    const apiId = logicalId(base, base.stack.api.fn.node.defaultChild);
    const sweeperId = logicalId(base, base.stack.sweeper.fn.node.defaultChild);
    for (const other of others) {
      const changed = diffPaths(base.json, other.json);
      expect(changed.sort()).toEqual(
        [
          `Resources.${apiId}.Properties.Environment.Variables.EXECUTION_BACKEND`,
          `Resources.${sweeperId}.Properties.Environment.Variables.EXECUTION_BACKEND`,
        ].sort(),
      );
    }
  });
});

/** Paths of every leaf that differs between two JSON values. */
function diffPaths(a: unknown, b: unknown, path = ''): string[] {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      diffPaths(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
      ),
    );
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}
