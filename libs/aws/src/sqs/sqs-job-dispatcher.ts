import type { SQSClient } from '@aws-sdk/client-sqs';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { JobDispatcher } from '@storyboard/domain';
import { DispatchFailedError } from '@storyboard/domain';
import { describeAwsError } from '../shared/aws-errors';
import type { JobMessage } from './job-message.schema';

export interface SqsJobDispatcherOptions {
  client: SQSClient;
  queueUrl: string;
}

/**
 * Hands a job to the SQS worker by enqueueing `{"jobId","attempt"}`. A standard queue
 * delivers at least once, so the same message may reach the worker twice: the worker's steps
 * are idempotent and the job's conditional writes keep a duplicate from running it again.
 * Every failure to enqueue is a `DispatchFailedError` (retryable) with the SDK error as cause.
 */
export class SqsJobDispatcher implements JobDispatcher {
  readonly backend = 'sqs' as const;
  private readonly client: SQSClient;
  private readonly queueUrl: string;

  constructor(options: SqsJobDispatcherOptions) {
    this.client = options.client;
    this.queueUrl = options.queueUrl;
  }

  async dispatch(job: { jobId: string; attempt: number }): Promise<void> {
    const message: JobMessage = { jobId: job.jobId, attempt: job.attempt };
    try {
      await this.client.send(
        new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }),
      );
    } catch (err) {
      throw new DispatchFailedError(
        `Could not enqueue job ${job.jobId}: ${describeAwsError(err)}`,
        { cause: err },
      );
    }
  }
}
