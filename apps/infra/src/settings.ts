import * as z from 'zod';
import { EXECUTION_BACKENDS } from '@storyboard/domain';

/** The backends a deployment can select: fire-and-forget is refused on Lambda (the runtime
 * config explains why), so it is not deployable. */
export const DEPLOYABLE_BACKENDS = EXECUTION_BACKENDS.filter(
  (b): b is Exclude<(typeof EXECUTION_BACKENDS)[number], 'fire-and-forget'> =>
    b !== 'fire-and-forget',
);
export type DeployableBackend = (typeof DEPLOYABLE_BACKENDS)[number];

/** CloudWatch Logs accepts only these retention periods (days). */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731] as const;

const int = (fallback: number, min: number, max: number, meaning: string) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` })
    .default(fallback)
    .describe(meaning);

/**
 * Every deployment setting, read from CDK context (`cdk.json` or `-c key=value`), checked
 * here once. Sizes and limits are named settings so a change is one value, and derived
 * values (the queue's visibility timeout) are computed from them, never written twice.
 */
export const DeploySettingsSchema = z
  .object({
    stage: z
      .enum(['dev', 'prod'], { message: 'must be dev or prod' })
      .default('dev')
      .describe('dev: data destroyed with the stack; prod: retained, deletion protection on'),
    executionBackend: z
      .enum(DEPLOYABLE_BACKENDS, { message: `must be one of ${DEPLOYABLE_BACKENDS.join(', ')}` })
      .default('sqs')
      .describe('EXECUTION_BACKEND of the API function; changes nothing else'),
    apiMemoryMb: int(1024, 128, 10_240, 'API function memory'),
    apiTimeoutSeconds: int(29, 3, 29, 'API function timeout (HTTP API waits at most 30 s)'),
    workerMemoryMb: int(1769, 128, 10_240, 'SQS worker memory (1769 MB = one vCPU)'),
    workerTimeoutSeconds: int(300, 30, 900, 'SQS worker timeout; visibility timeout is 6×'),
    workerReserveMs: int(60_000, 0, 900_000, 'WORKER_RESERVE_MS: time kept to save progress'),
    workerBatchSize: int(1, 1, 10, 'job messages per worker invocation'),
    workerMaxConcurrency: int(10, 2, 1000, 'most concurrent worker invocations (SQS source)'),
    maxReceiveCount: int(3, 1, 1000, 'receives before a job message goes to the DLQ'),
    taskMemoryMb: int(1024, 128, 10_240, 'Step Functions task functions memory'),
    taskTimeoutSeconds: int(300, 3, 900, 'Step Functions task functions timeout'),
    sfnMaxConcurrency: int(4, 1, 40, 'chunks analyzed at once by the Map state'),
    sfnRetryIntervalSeconds: int(2, 1, 300, 'first retry wait of a task'),
    sfnRetryMaxAttempts: int(3, 0, 10, 'retries of a task on a retryable error'),
    logRetentionDays: z.coerce
      .number()
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
        message: `must be one of ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .optional()
      .describe('log group retention; default 14 days on dev, 90 on prod'),
    chunkTextExpiryDays: int(30, 1, 3650, 'days before chunk texts (chunks/) are deleted'),
    uploadOrigins: z
      .string()
      .default('*')
      .transform((s) => s.split(',').map((o) => o.trim()))
      .describe('comma-separated browser origins allowed to PUT to a presigned upload URL'),
    alarmEmail: z.email({ message: 'must be an email address' }).optional(),
  })
  .refine((s) => s.workerReserveMs < s.workerTimeoutSeconds * 1000, {
    message: 'workerReserveMs must be less than the worker timeout',
    path: ['workerReserveMs'],
  });

export type DeploySettings = z.infer<typeof DeploySettingsSchema> & { logRetentionDays: number };

/** Raised when the CDK context does not describe a deployable stack. */
export class DeploySettingsError extends Error {
  override readonly name = 'DeploySettingsError';
  readonly code = 'INFRA.SETTINGS_INVALID';
  readonly retryable = false;
}

/** The visibility timeout is derived from the worker's timeout (AWS: at least 6×, so a
 * message is not redelivered while a batch, with its retries, may still run). */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
export const visibilityTimeoutSeconds = (s: DeploySettings): number =>
  s.workerTimeoutSeconds * VISIBILITY_TIMEOUT_FACTOR;

/** Reads and checks the settings; `read(key)` is the CDK context lookup. */
export function parseDeploySettings(read: (key: string) => unknown): DeploySettings {
  const input = Object.fromEntries(
    Object.keys(DeploySettingsSchema.shape).map((key) => [key, read(key)]),
  );
  const parsed = DeploySettingsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    throw new DeploySettingsError(
      `Invalid deployment settings (CDK context, e.g. -c stage=prod): ${problems.join('; ')}.`,
    );
  }
  const settings = parsed.data;
  return {
    ...settings,
    logRetentionDays: settings.logRetentionDays ?? (settings.stage === 'prod' ? 90 : 14),
  };
}
