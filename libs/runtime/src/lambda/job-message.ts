import type { SQSRecord } from 'aws-lambda';
import type { JobMessage } from '@storyboard/aws/sqs';
import { JobMessageSchema } from '@storyboard/aws/sqs';
import type { Logger } from '../logger';

/** The record's `{jobId, attempt}`, or `undefined` (logged) when the body is not one: such a
 * message can never succeed, so callers acknowledge it instead of retrying it forever. */
export function parseJobMessage(record: SQSRecord, logger: Logger): JobMessage | undefined {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    logger.error('malformed job message (not JSON); acknowledged', { messageId: record.messageId });
    return undefined;
  }
  const parsed = JobMessageSchema.safeParse(body);
  if (!parsed.success) {
    logger.error('malformed job message; acknowledged', {
      messageId: record.messageId,
      issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    });
    return undefined;
  }
  return parsed.data;
}
