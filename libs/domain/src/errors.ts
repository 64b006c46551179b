/** Every error the domain raises: a stable `code` for clients and logs, and whether trying the
 * same work again may succeed (`retryable`). Entry points map these once: HTTP status, SQS
 * retry or acknowledge, Step Functions Retry/Catch by `name`. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Permanent: the same input will fail the same way. */
export abstract class PermanentError extends DomainError {
  readonly retryable = false;
}

/** Retryable: throttling, timeouts, a dependency briefly down. */
export abstract class RetryableError extends DomainError {
  readonly retryable = true;
}

export class NovelNotFoundError extends PermanentError {
  readonly code = 'NOVEL.NOT_FOUND';
  constructor(readonly novelId: string) {
    super(`Novel ${novelId} was not found.`);
  }
}

export class NovelNotReadyError extends PermanentError {
  readonly code = 'NOVEL.NOT_READY';
  constructor(readonly novelId: string) {
    super(`Novel ${novelId} has no text yet: upload it before requesting an analysis.`);
  }
}

export class JobNotFoundError extends PermanentError {
  readonly code = 'JOB.NOT_FOUND';
  constructor(readonly jobId: string) {
    super(`Job ${jobId} was not found.`);
  }
}

export class StoryboardNotFoundError extends PermanentError {
  readonly code = 'STORYBOARD.NOT_FOUND';
  constructor(readonly jobId: string) {
    super(`Job ${jobId} has no storyboard yet: it appears when the job is completed.`);
  }
}

export class JobAlreadyExistsError extends PermanentError {
  readonly code = 'JOB.ALREADY_EXISTS';
  constructor(readonly jobId: string) {
    super(`Job ${jobId} already exists.`);
  }
}

export class IllegalTransitionError extends PermanentError {
  readonly code = 'JOB.ILLEGAL_TRANSITION';
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`A job cannot go from ${from} to ${to}.`);
  }
}

/** Someone else changed the job since it was read: read it again and retry the change. */
export class JobVersionConflictError extends RetryableError {
  readonly code = 'JOB.VERSION_CONFLICT';
  constructor(
    readonly jobId: string,
    readonly expectedVersion: number,
  ) {
    super(`Job ${jobId} is no longer at version ${expectedVersion}.`);
  }
}

/** The job has ended (cancelled, completed or failed) while a step was about to work on it,
 * e.g. a cancel mid-job or a stale duplicate delivery. Runners stop quietly on it. */
export class JobEndedError extends PermanentError {
  readonly code = 'JOB.ENDED';
  constructor(
    readonly jobId: string,
    readonly status: string,
  ) {
    super(`Job ${jobId} is ${status}; there is nothing more to run.`);
  }
}

/** The uploaded bytes are not a novel the engine can read (empty, binary, unknown encoding). */
export class InvalidNovelTextError extends PermanentError {
  readonly code = 'NOVEL.INVALID_TEXT';
}

export class NovelTooLargeError extends PermanentError {
  readonly code = 'NOVEL.TOO_LARGE';
  constructor(
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(
      `The novel is ${sizeBytes} bytes; the limit is ${limitBytes} bytes. Split it into volumes.`,
    );
  }
}

/** The sync backend runs inside the request (29 s on API Gateway): big texts must go async. */
export class TooLargeForSyncError extends PermanentError {
  readonly code = 'JOB.TOO_LARGE_FOR_SYNC';
  constructor(
    readonly length: number,
    readonly limit: number,
  ) {
    super(
      `The novel has ${length} characters; the sync backend takes at most ${limit} (SYNC_MAX_CHARS). Use the sqs or stepfunctions backend for longer texts.`,
    );
  }
}

/** Direct uploads need a store that can sign upload URLs (S3). */
export class UploadsUnavailableError extends PermanentError {
  readonly code = 'NOVEL.UPLOADS_UNAVAILABLE';
}

export class ValidationError extends PermanentError {
  readonly code = 'INPUT.INVALID';
}

/** A stored object the pipeline wrote earlier is missing (e.g. chunk text): permanent. */
export class ArtifactMissingError extends PermanentError {
  readonly code = 'JOB.ARTIFACT_MISSING';
}

/** A generator (LLM or other) is throttled, timed out or briefly down. */
export class GeneratorUnavailableError extends RetryableError {
  readonly code = 'GENERATOR.UNAVAILABLE';
}

/** A generator returned output that is invalid even after repair. */
export class GeneratorOutputError extends PermanentError {
  readonly code = 'GENERATOR.INVALID_OUTPUT';
}

/** Storage throttled or unreachable. */
export class StorageUnavailableError extends RetryableError {
  readonly code = 'STORAGE.UNAVAILABLE';
}

/** The dispatcher could not hand the job to its backend. */
export class DispatchFailedError extends RetryableError {
  readonly code = 'JOB.DISPATCH_FAILED';
}

/** An unexpected error with no domain meaning: treated as retryable once, then failed. */
export class UnexpectedError extends RetryableError {
  readonly code = 'INTERNAL';
}

/** Wraps anything thrown into a DomainError so every entry point sees a code. */
export function toDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new UnexpectedError(message, { cause: err });
}

/** The names of retryable errors, for Step Functions `Retry` matching by error name. */
export const RETRYABLE_ERROR_NAMES = [
  'JobVersionConflictError',
  'GeneratorUnavailableError',
  'StorageUnavailableError',
  'DispatchFailedError',
  'UnexpectedError',
] as const;
