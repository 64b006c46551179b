import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { JobDispatcher, JobRepository, JobSteps, RunJob } from '@storyboard/domain';
import type { DomainError } from '@storyboard/domain';
import { toDomainError } from '@storyboard/domain';
import { parseJobMessage } from './job-message';
import type { Logger } from '../logger';

export interface SqsWorkerDeps {
  runJob: RunJob;
  steps: JobSteps;
  jobs: JobRepository;
  /** Sends the continuation message when the time budget runs low. */
  dispatcher: JobDispatcher;
  logger: Logger;
  /** The queue's maxReceiveCount: on that receive a failing job is marked failed. */
  maxReceiveCount: number;
  /** Stop starting new chunks when less than this many ms of the invocation remain. */
  reserveMs: number;
}

/**
 * The SQS worker Lambda: one job message per record. Reports partial batch failures so only
 * records that may succeed on a retry come back. A malformed message is logged and
 * acknowledged (never retried forever); a permanent error marks the job failed and is
 * acknowledged; a retryable one is retried by SQS, and on the last allowed receive the job
 * is marked failed before the message goes to the dead-letter queue.
 */
export function createSqsWorkerHandler(deps: SqsWorkerDeps) {
  const processor = new BatchProcessor(EventType.SQS);

  const processRecord = async (record: SQSRecord, context: Context): Promise<void> => {
    const message = parseJobMessage(record, deps.logger);
    if (!message) return;
    const { jobId, attempt } = message;
    const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? '1');
    // Everything that touches storage is inside the try, reading the job included: with
    // storage down, the last receive must still reach the failure path below.
    try {
      const job = await deps.jobs.get(jobId);
      if (!job) {
        deps.logger.warn('job message for an unknown job; acknowledged', { jobId });
        return;
      }
      if (attempt < job.attempts) {
        deps.logger.info('stale message from an earlier attempt; acknowledged', { jobId, attempt });
        return;
      }
      const outcome = await deps.runJob.execute({
        jobId,
        shouldContinue: () => context.getRemainingTimeInMillis() > deps.reserveMs,
      });
      if (outcome.kind === 'yielded') {
        await deps.dispatcher.dispatch({ jobId, attempt });
        deps.logger.info('time budget low; continuation enqueued', { jobId, ...outcome });
      } else {
        deps.logger.info('job run ended', { jobId, status: outcome.status });
      }
    } catch (err) {
      await handleFailure(jobId, toDomainError(err), receiveCount);
    }
  };

  /** A permanent error, or a retryable one on the last receive, marks the job failed; a
   * retryable one is rethrown so SQS delivers it again (after the last, to the DLQ, whose
   * handler fails the job if this could not). */
  const handleFailure = async (jobId: string, error: DomainError, receiveCount: number) => {
    const last = receiveCount >= deps.maxReceiveCount;
    deps.logger.error('job step failed', {
      jobId,
      code: error.code,
      retryable: error.retryable,
      receiveCount,
    });
    if (!error.retryable || last) {
      try {
        await deps.steps.fail(jobId, {
          code: error.code,
          message:
            last && error.retryable
              ? `${error.message} (gave up after ${receiveCount} attempts)`
              : error.message,
          retryable: error.retryable,
        });
      } catch (failErr) {
        // Could not record the failure (storage down too): let SQS redeliver, and after the
        // last receive the dead-letter handler records it.
        const cause = toDomainError(failErr);
        deps.logger.error('could not mark the job failed; leaving it to SQS', {
          jobId,
          code: cause.code,
        });
        throw cause;
      }
    }
    if (error.retryable) throw error;
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(
      event,
      (record: SQSRecord) => processRecord(record, context),
      processor,
      {
        context,
        processInParallel: false,
        throwOnFullBatchFailure: false,
      },
    );
}
