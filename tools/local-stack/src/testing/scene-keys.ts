import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalStack } from '../start-local-stack';

/** The sort keys of a job's scene items as stored in the stack's table (one Query page). */
export async function sceneKeys(stack: LocalStack, jobId: string): Promise<string[]> {
  const out = await stack.clients.dynamodb.send(
    new QueryCommand({
      TableName: stack.resources.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
      ExpressionAttributeValues: { ':pk': `JOB#${jobId}`, ':p': 'SCENE#' },
    }),
  );
  return (out.Items ?? []).map((i) => String(i.SK));
}
