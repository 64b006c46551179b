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
  static readonly code = 'NOVEL.NOT_FOUND';
  readonly code = NovelNotFoundError.code;
  constructor(readonly novelId: string) {
    super(`Novel ${novelId} was not found.`);
  }
}

export class NovelNotReadyError extends PermanentError {
  static readonly code = 'NOVEL.NOT_READY';
  readonly code = NovelNotReadyError.code;
  constructor(readonly novelId: string) {
    super(`Novel ${novelId} has no text yet: upload it before requesting an analysis.`);
  }
}

export class JobNotFoundError extends PermanentError {
  static readonly code = 'JOB.NOT_FOUND';
  readonly code = JobNotFoundError.code;
  constructor(readonly jobId: string) {
    super(`Job ${jobId} was not found.`);
  }
}

export class StoryboardNotFoundError extends PermanentError {
  static readonly code = 'STORYBOARD.NOT_FOUND';
  readonly code = StoryboardNotFoundError.code;
  constructor(readonly jobId: string) {
    super(`Job ${jobId} has no storyboard yet: it appears when the job is completed.`);
  }
}

export class JobAlreadyExistsError extends PermanentError {
  static readonly code = 'JOB.ALREADY_EXISTS';
  readonly code = JobAlreadyExistsError.code;
  constructor(readonly jobId: string) {
    super(`Job ${jobId} already exists.`);
  }
}

export class IllegalTransitionError extends PermanentError {
  static readonly code = 'JOB.ILLEGAL_TRANSITION';
  readonly code = IllegalTransitionError.code;
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`A job cannot go from ${from} to ${to}.`);
  }
}

/** Someone else changed the job since it was read: read it again and retry the change. */
export class JobVersionConflictError extends RetryableError {
  static readonly code = 'JOB.VERSION_CONFLICT';
  readonly code = JobVersionConflictError.code;
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
  static readonly code = 'JOB.ENDED';
  readonly code = JobEndedError.code;
  constructor(
    readonly jobId: string,
    readonly status: string,
  ) {
    super(`Job ${jobId} is ${status}; there is nothing more to run.`);
  }
}

/** The uploaded bytes are not a novel the engine can read (empty, binary, unknown encoding). */
export class InvalidNovelTextError extends PermanentError {
  static readonly code = 'NOVEL.INVALID_TEXT';
  readonly code = InvalidNovelTextError.code;
}

export class NovelTooLargeError extends PermanentError {
  static readonly code = 'NOVEL.TOO_LARGE';
  readonly code = NovelTooLargeError.code;
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
  static readonly code = 'JOB.TOO_LARGE_FOR_SYNC';
  readonly code = TooLargeForSyncError.code;
  constructor(
    readonly length: number,
    readonly limit: number,
  ) {
    super(
      `The novel has ${length} characters; the sync backend takes at most ${limit} (SYNC_MAX_CHARS). Use the sqs or stepfunctions backend for longer texts.`,
    );
  }
}

/** A job asked for a backend this deployment has not enabled (`ENABLED_BACKENDS`). */
export class BackendNotEnabledError extends PermanentError {
  static readonly code = 'JOB.BACKEND_NOT_ENABLED';
  readonly code = BackendNotEnabledError.code;
  constructor(
    readonly backend: string,
    readonly enabled: readonly string[],
  ) {
    super(
      `The backend "${backend}" is not enabled here; use one of: ${enabled.join(', ')} (the deployment's ENABLED_BACKENDS), or leave it out for the default, ${enabled[0] ?? 'none'}.`,
    );
  }
}

/** Direct uploads need a store that can sign upload URLs (S3). */
export class UploadsUnavailableError extends PermanentError {
  static readonly code = 'NOVEL.UPLOADS_UNAVAILABLE';
  readonly code = UploadsUnavailableError.code;
}

export class ValidationError extends PermanentError {
  static readonly code = 'INPUT.INVALID';
  readonly code = ValidationError.code;
}

/** A stored object the pipeline wrote earlier is missing (e.g. chunk text): permanent. */
export class ArtifactMissingError extends PermanentError {
  static readonly code = 'JOB.ARTIFACT_MISSING';
  readonly code = ArtifactMissingError.code;
}

/** A generator (LLM or other) is throttled, timed out or briefly down. */
export class GeneratorUnavailableError extends RetryableError {
  static readonly code = 'GENERATOR.UNAVAILABLE';
  readonly code = GeneratorUnavailableError.code;
}

/** A generator returned output that is invalid even after repair. */
export class GeneratorOutputError extends PermanentError {
  static readonly code = 'GENERATOR.INVALID_OUTPUT';
  readonly code = GeneratorOutputError.code;
}

/**
 * The generator's service refused the credentials (HTTP 401/403): retrying cannot help until
 * someone fixes the key or its permissions. The message never holds the key, nor the
 * service's own message (some services echo part of the key back).
 */
export class GeneratorAuthError extends PermanentError {
  static readonly code = 'GENERATOR.AUTH_FAILED';
  readonly code = GeneratorAuthError.code;
  constructor(readonly status: number) {
    super(
      `The LLM service refused the API key (HTTP ${status}): check QWEN_API_KEY (or the secret QWEN_SECRET_ARN points at) and that the key may call this model in this region.`,
    );
  }
}

/**
 * The generator's service rejected the request itself (HTTP 400, 404, 413, 422, …: unknown
 * model, context too long, content refused): the same request will be rejected again.
 */
export class GeneratorRejectedError extends PermanentError {
  static readonly code = 'GENERATOR.REJECTED';
  readonly code = GeneratorRejectedError.code;
  constructor(
    readonly status: number,
    readonly serviceCode: string | undefined,
    detail: string,
  ) {
    super(
      `The LLM service rejected the request (HTTP ${status}${serviceCode ? `, ${serviceCode}` : ''}): ${detail}`,
    );
  }
}

/** Storage throttled or unreachable. */
export class StorageUnavailableError extends RetryableError {
  static readonly code = 'STORAGE.UNAVAILABLE';
  readonly code = StorageUnavailableError.code;
}

/** A stored row or object does not have the shape the domain wrote: a bug or a manual edit.
 * Permanent: reading it again gives the same bytes. */
export class StorageCorruptError extends PermanentError {
  static readonly code = 'STORAGE.CORRUPT';
  readonly code = StorageCorruptError.code;
}

/** The dispatcher could not hand the job to its backend. */
export class DispatchFailedError extends RetryableError {
  static readonly code = 'JOB.DISPATCH_FAILED';
  readonly code = DispatchFailedError.code;
}

/** The sweeper found the attempt abandoned (its lease ran out, or it never left `queued`)
 * more times than it may re-dispatch it. Recorded on the job, never thrown to a client. */
export class JobStalledError extends PermanentError {
  static readonly code = 'JOB.STALLED';
  readonly code = JobStalledError.code;
}

/** The job's message reached the dead-letter queue before the job ended. Recorded on the job
 * by the dead-letter handler. */
export class JobDeadLetteredError extends PermanentError {
  static readonly code = 'JOB.DEAD_LETTERED';
  readonly code = JobDeadLetteredError.code;
}

/** An unexpected error with no domain meaning: treated as retryable once, then failed. */
export class UnexpectedError extends RetryableError {
  static readonly code = 'INTERNAL';
  readonly code = UnexpectedError.code;
}

/** Wraps anything thrown into a DomainError so every entry point sees a code. */
export function toDomainError(err: unknown): DomainError {
  if (err instanceof DomainError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new UnexpectedError(message, { cause: err });
}

/**
 * Every concrete domain error class, keyed by its `name` (object keys survive minification;
 * class names may not). The one list from which retry names (Step Functions `Retry`,
 * `PIPELINE.retryOn`) and the API's status table are derived; a test checks that every
 * error class exported here is in it.
 */
export const DOMAIN_ERRORS = {
  NovelNotFoundError,
  NovelNotReadyError,
  JobNotFoundError,
  StoryboardNotFoundError,
  JobAlreadyExistsError,
  IllegalTransitionError,
  JobVersionConflictError,
  JobEndedError,
  InvalidNovelTextError,
  NovelTooLargeError,
  TooLargeForSyncError,
  BackendNotEnabledError,
  UploadsUnavailableError,
  ValidationError,
  ArtifactMissingError,
  GeneratorUnavailableError,
  GeneratorOutputError,
  GeneratorAuthError,
  GeneratorRejectedError,
  StorageUnavailableError,
  StorageCorruptError,
  DispatchFailedError,
  JobStalledError,
  JobDeadLetteredError,
  UnexpectedError,
} as const;

export type DomainErrorName = keyof typeof DOMAIN_ERRORS;

/** The stable codes of every domain error. */
export const DOMAIN_ERROR_CODES: readonly string[] = Object.values(DOMAIN_ERRORS).map(
  (errorClass) => errorClass.code,
);

/** The names of retryable errors, for Step Functions `Retry` matching by error name: derived
 * from the classes (those extending `RetryableError`), never listed by hand. */
export const RETRYABLE_ERROR_NAMES: readonly DomainErrorName[] = (
  Object.keys(DOMAIN_ERRORS) as DomainErrorName[]
).filter((name) => DOMAIN_ERRORS[name].prototype instanceof RetryableError);
