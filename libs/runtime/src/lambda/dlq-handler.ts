import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { AnalysisJob, JobRepository, JobSteps } from '@storyboard/domain';
import { JobDeadLetteredError, isTerminal } from '@storyboard/domain';
import type { Logger } from '../logger';
import { parseJobMessage } from './job-message';

export interface DlqHandlerDeps {
  jobs: JobRepository;
  steps: JobSteps;
  logger: Logger;
}

/**
 * Consumes the jobs queue's dead-letter queue: a message there means the worker gave up on
 * the job, and if the job is still unfinished the worker could not record that (usually
 * because storage was down too). Marks such a job failed `JOB.DEAD_LETTERED`, keeping the
 * last error the job recorded, and acknowledges. A storage error is not caught: the record
 * is reported as a batch item failure and SQS delivers it again later.
 */
export function createDlqHandler(deps: DlqHandlerDeps) {
  const processor = new BatchProcessor(EventType.SQS);

  const processRecord = async (record: SQSRecord): Promise<void> => {
    const message = parseJobMessage(record, deps.logger);
    if (!message) return;
    const job = await deps.jobs.get(message.jobId);
    if (!job || isTerminal(job.status) || message.attempt < job.attempts) {
      deps.logger.info('dead letter for a finished, missing or earlier attempt; acknowledged', {
        jobId: message.jobId,
        status: job?.status,
      });
      return;
    }
    const error = new JobDeadLetteredError(deadLetterMessage(job));
    await deps.steps.fail(job.id, { code: error.code, message: error.message, retryable: false });
    deps.logger.warn('dead-lettered job marked failed', { jobId: job.id });
  };

  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
    processPartialResponse(event, processRecord, processor, {
      context,
      processInParallel: false,
      throwOnFullBatchFailure: false,
    });
}

function deadLetterMessage(job: AnalysisJob): string {
  const where = `${job.progress.stage}, ${job.progress.chunksDone}/${job.progress.chunksTotal} chunks`;
  const last = job.error ? ` Last error: ${job.error.code}: ${job.error.message}` : '';
  return `The job's message went to the dead-letter queue after its last allowed delivery, at ${where}, and the worker could not record why (storage may have been unavailable; see the worker's logs).${last} Retry the job to resume from its saved chunks.`;
}
