import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

export interface SqsRecordInput {
  /** The message body (a job message is `JSON.stringify({jobId, attempt})`). */
  body: string;
  messageId?: string;
  /** `ApproximateReceiveCount` (default 1: the first delivery). */
  receiveCount?: number;
}

/**
 * One SQS record as Lambda's event source mapping delivers it (the shape of Powertools'
 * `sqsRecordFactory` in its batch tests): ids, the receive count and queue ARN filled in.
 */
export function sqsRecord({ body, messageId = randomUUID(), receiveCount = 1 }: SqsRecordInput) {
  const record: SQSRecord = {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: String(Date.now()),
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:storyboard-jobs',
    awsRegion: 'us-east-1',
  };
  return record;
}

/** An SQS event of `records`, as one Lambda invocation receives it. */
export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
