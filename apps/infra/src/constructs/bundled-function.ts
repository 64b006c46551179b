import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type { RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { DurableConfig } from 'aws-cdk-lib/aws-lambda';
import type { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_ENTRIES } from '@storyboard/lambda-bundles';
import { acknowledge, nagRef } from '../nag-acknowledgements';

/** A function name of tools/lambda-bundles: the one list of handlers and their bundles. */
export type BundleName = keyof typeof LAMBDA_ENTRIES & string;

export interface BundledFunctionProps {
  /** Which bundle of `npm run build:lambdas` this function runs. */
  bundle: BundleName;
  /** Folder holding `<bundle>/index.cjs` (dist/lambdas). */
  bundlesDir: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  environment: Record<string, string>;
  logRetentionDays: number;
  removalPolicy: RemovalPolicy;
  /** A fixed function name (default: generated). */
  functionName?: string;
  /** Lambda durable functions (execution timeout, retention); absent: a plain function. */
  durableConfig?: DurableConfig;
}

/**
 * One Lambda function from its esbuild bundle (nodejs22.x, arm64, `index.handler`), with its
 * own log group (retention set) and its own role. The role starts with nothing but writing
 * to that log group: no managed policy (AWSLambdaBasicExecutionRole allows every log group),
 * and each caller adds exactly the statements the function uses.
 */
export class BundledFunction extends Construct {
  readonly bundle: BundleName;
  readonly fn: Function;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    this.bundle = props.bundle;
    if (!(props.bundle in LAMBDA_ENTRIES)) {
      throw new Error(`No Lambda bundle named ${props.bundle} in tools/lambda-bundles.`);
    }
    const dir = join(props.bundlesDir, props.bundle);
    if (!existsSync(join(dir, 'index.cjs'))) {
      throw new Error(
        `The bundle ${join(dir, 'index.cjs')} does not exist: run \`npm run build:lambdas\` first (npm run synth does).`,
      );
    }
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetentionDays,
      removalPolicy: props.removalPolicy,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.bundle}: writes its own logs, plus what its code uses`,
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [
          Stack.of(this).formatArn({
            service: 'logs',
            resource: 'log-group',
            resourceName: `${this.logGroup.logGroupName}:log-stream:*`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );
    this.fn = new Function(this, 'Function', {
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      code: Code.fromAsset(dir),
      handler: 'index.handler',
      memorySize: props.memoryMb,
      timeout: Duration.seconds(props.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      functionName: props.functionName,
      durableConfig: props.durableConfig,
    });
    const logGroupRef = nagRef(this.logGroup.node.defaultChild as CfnLogGroup);
    acknowledge(
      this.role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${logGroupRef}:log-stream:*]`,
      'Log streams are created per execution environment with generated names; the grant is limited to this function’s own log group.',
    );
    acknowledge(
      this.fn,
      'AwsSolutions-L1',
      'The bundles are built for nodejs22.x (esbuild target node22) and tested on Node 22; moving to a newer runtime is a deliberate change of the bundle target and the test Node.',
    );
  }
}
