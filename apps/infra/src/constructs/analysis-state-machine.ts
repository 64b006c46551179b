import { ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { DefinitionBody, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { AslDefinition, TaskName } from '@storyboard/aws/stepfunctions';
import { buildStateMachineDefinition } from '@storyboard/aws/stepfunctions';
import { acknowledge } from '../nag-acknowledgements';

export interface AnalysisStateMachineProps {
  /** Physical name, so the task functions can be told the ARN without a dependency cycle. */
  stateMachineName: string;
  tasks: Record<TaskName, IFunction>;
  maxConcurrency: number;
  retry: { intervalSeconds: number; maxAttempts: number; backoffRate: number };
}

/** The options the stack passes to the domain's generator; exported so a test can generate
 * the same definition with its own resource strings. */
export function definitionOptions(
  props: AnalysisStateMachineProps,
  taskResource: (task: TaskName) => string,
) {
  return { taskResource, maxConcurrency: props.maxConcurrency, retry: props.retry };
}

/**
 * The Standard state machine of the stepfunctions backend. Its definition is the one
 * `buildStateMachineDefinition` generates from the domain PIPELINE (the local stack runs
 * the same), with each task's Resource the ARN of its Lambda function.
 *
 * No CloudWatch Logs or X-Ray on the state machine itself: both need IAM statements on
 * `Resource: "*"` (log delivery and trace APIs have no resource-level permissions). The task
 * functions log every step with its jobId, and the execution history keeps 90 days.
 */
export class AnalysisStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  readonly definition: AslDefinition;

  constructor(scope: Construct, id: string, props: AnalysisStateMachineProps) {
    super(scope, id);
    this.definition = buildStateMachineDefinition(
      definitionOptions(props, (task) => props.tasks[task].functionArn),
    );
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('states.amazonaws.com'),
      description: 'Storyboard analysis state machine: invokes its task functions only',
    });
    role.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: Object.values(props.tasks).map((fn) => fn.functionArn),
      }),
    );
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromString(JSON.stringify(this.definition)),
      role,
    });
    const why =
      'Execution logging and X-Ray need IAM statements on Resource "*" (log delivery and trace APIs have no resource-level permissions), which this stack never grants; each task function logs its step with the jobId and Step Functions keeps the execution history for 90 days.';
    acknowledge(this.stateMachine, 'AwsSolutions-SF1', why);
    acknowledge(this.stateMachine, 'AwsSolutions-SF2', why);
  }

  /** The ARN of the state machine named `name` in this stack's account and region. */
  static arnOf(scope: Construct, name: string): string {
    return Stack.of(scope).formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: name,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }
}
