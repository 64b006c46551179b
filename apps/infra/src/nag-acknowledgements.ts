import type { CfnElement } from 'aws-cdk-lib';
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag AwsSolutions finding on a construct (and its children), always with
 * the reason it is accepted. cdk-nag 3 acknowledges each finding by its exact id, e.g.
 * `AwsSolutions-IAM5[Resource::<Bucket.Arn>/jobs/*]`.
 */
export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** How cdk-nag names a resource in a finding: `<LogicalId>`. */
export function nagRef(element: CfnElement): string {
  return `<${Stack.of(element).resolve(element.logicalId) as string}>`;
}
