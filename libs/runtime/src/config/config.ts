import * as z from 'zod';

/** Raised when the environment does not describe a runnable app; the message names every
 * variable that is wrong and what it should be. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG.INVALID';
}

const flag = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .optional()
  .transform((v) => v === 'true' || v === '1');

const positiveInt = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` })
    .default(fallback);

const common = {
  GENERATOR: z.enum(['heuristic'], { message: 'must be heuristic' }).default('heuristic'),
  /** Largest chunk a single analyze-chunk step storyboards (UTF-16 units). */
  CHUNK_MAX_CHARS: positiveInt(40_000, 1_000, 2_000_000),
  /** Largest novel accepted, in bytes (default 50 MB). */
  MAX_NOVEL_BYTES: positiveInt(50 * 1024 * 1024, 1, 500 * 1024 * 1024),
  /** `memory` keeps everything in this process; `aws` uses DynamoDB and S3. */
  STORAGE: z.enum(['memory', 'aws'], { message: 'must be memory or aws' }).default('memory'),
  TABLE_NAME: z.string().min(1).optional(),
  BUCKET_NAME: z.string().min(1).optional(),
  LOG_LEVEL: z
    .enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'], {
      message: 'must be DEBUG, INFO, WARN, ERROR or SILENT',
    })
    .default('INFO'),
  /** The longest text (characters) the sync backend accepts: it runs inside the request. */
  SYNC_MAX_CHARS: positiveInt(5_000, 1, 100_000_000),
  /** `jwt`: the user is the API Gateway JWT authorizer's `sub` (default on Lambda); `dev`:
   * the `X-User-Id` header (default elsewhere; refused on Lambda). */
  AUTH_MODE: z.enum(['jwt', 'dev'], { message: 'must be jwt or dev' }).optional(),
  /** Set by the Lambda runtime; its presence means "running on Lambda". */
  AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
};

const backends = z.discriminatedUnion(
  'EXECUTION_BACKEND',
  [
    z.object({ EXECUTION_BACKEND: z.literal('sync'), ...common }),
    z.object({
      EXECUTION_BACKEND: z.literal('fire-and-forget'),
      ALLOW_UNSAFE_FIRE_AND_FORGET: flag,
      ...common,
    }),
    z.object({
      EXECUTION_BACKEND: z.literal('sqs'),
      JOB_QUEUE_URL: z.url({
        message: 'must be the URL of the jobs queue (required when EXECUTION_BACKEND=sqs)',
      }),
      /** The queue's redrive maxReceiveCount: on that receive the worker marks a failing job failed. */
      MAX_RECEIVE_COUNT: positiveInt(3, 1, 1000),
      /** The worker stops starting chunks when less than this remains of its invocation. */
      WORKER_RESERVE_MS: positiveInt(60_000, 0, 900_000),
      ...common,
    }),
    z.object({
      EXECUTION_BACKEND: z.literal('stepfunctions'),
      STATE_MACHINE_ARN: z
        .string({
          message:
            'must be the ARN of the analysis state machine (required when EXECUTION_BACKEND=stepfunctions)',
        })
        .startsWith('arn:', { message: 'must be an ARN (arn:aws:states:…)' }),
      SFN_MAX_CONCURRENCY: positiveInt(4, 1, 40),
      ...common,
    }),
  ],
  { message: 'must be one of sync, sqs, stepfunctions, fire-and-forget' },
);

export type AppConfig = z.infer<typeof backends>;
export type ExecutionBackendName = AppConfig['EXECUTION_BACKEND'];

/**
 * Reads the app's settings from the environment once, at start. `EXECUTION_BACKEND` defaults
 * to `sqs` (ARCHITECTURE.md), and each backend's own settings are required only with it.
 * Throws `ConfigError` naming each bad variable.
 */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const input = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  input.EXECUTION_BACKEND ??= 'sqs';
  const parsed = backends.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || 'environment'} ${i.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}.`);
  }
  const config = parsed.data;
  if (config.STORAGE === 'aws') {
    const missing = (['TABLE_NAME', 'BUCKET_NAME'] as const).filter((k) => !config[k]);
    if (missing.length) {
      throw new ConfigError(
        `Invalid configuration: ${missing.join(' and ')} must be set when STORAGE=aws (the DynamoDB table and S3 bucket names).`,
      );
    }
  }
  if (config.AWS_LAMBDA_FUNCTION_NAME && config.STORAGE === 'memory') {
    throw new ConfigError(
      'Invalid configuration: STORAGE=memory cannot work on Lambda (each invocation may get a new process): set STORAGE=aws with TABLE_NAME and BUCKET_NAME.',
    );
  }
  if (config.AWS_LAMBDA_FUNCTION_NAME && config.AUTH_MODE === 'dev') {
    throw new ConfigError(
      'Invalid configuration: AUTH_MODE=dev is refused on Lambda (anyone could claim any user with a header): use AUTH_MODE=jwt behind the API Gateway JWT authorizer.',
    );
  }
  config.AUTH_MODE ??= config.AWS_LAMBDA_FUNCTION_NAME ? 'jwt' : 'dev';
  if (
    config.EXECUTION_BACKEND === 'fire-and-forget' &&
    config.AWS_LAMBDA_FUNCTION_NAME &&
    !config.ALLOW_UNSAFE_FIRE_AND_FORGET
  ) {
    throw new ConfigError(
      'Invalid configuration: EXECUTION_BACKEND=fire-and-forget is refused on Lambda: the environment is frozen as soon as the handler returns, so work scheduled with setImmediate stalls or is lost. Use sqs or stepfunctions, or set ALLOW_UNSAFE_FIRE_AND_FORGET=true only to reproduce the problem in a benchmark.',
    );
  }
  return config;
}

/** Every variable, for `--help` and the README. */
export const CONFIG_DOC: readonly { name: string; values: string; meaning: string }[] = [
  {
    name: 'EXECUTION_BACKEND',
    values: 'sqs (default) | sync | stepfunctions | fire-and-forget',
    meaning: 'how a job runs',
  },
  { name: 'JOB_QUEUE_URL', values: 'URL', meaning: 'jobs queue; required with sqs' },
  {
    name: 'MAX_RECEIVE_COUNT',
    values: '1–1000 (default 3)',
    meaning: 'sqs: the queue’s maxReceiveCount; on that receive a failing job is marked failed',
  },
  {
    name: 'WORKER_RESERVE_MS',
    values: 'ms (default 60000)',
    meaning: 'sqs worker: below this remaining time the job continues in a new message',
  },
  {
    name: 'STATE_MACHINE_ARN',
    values: 'ARN',
    meaning: 'analysis state machine; required with stepfunctions',
  },
  {
    name: 'SFN_MAX_CONCURRENCY',
    values: '1–40 (default 4)',
    meaning: 'chunks analyzed at once by the Map state',
  },
  {
    name: 'ALLOW_UNSAFE_FIRE_AND_FORGET',
    values: 'true | false',
    meaning: 'lets fire-and-forget start on Lambda (benchmarks only)',
  },
  {
    name: 'STORAGE',
    values: 'memory (default) | aws',
    meaning: 'where novels, jobs and storyboards live',
  },
  { name: 'TABLE_NAME', values: 'name', meaning: 'DynamoDB table; required with STORAGE=aws' },
  {
    name: 'BUCKET_NAME',
    values: 'name',
    meaning: 'S3 bucket for novel text; required with STORAGE=aws',
  },
  {
    name: 'SYNC_MAX_CHARS',
    values: 'characters (default 5000)',
    meaning: 'longest text the sync backend accepts (the CLI lifts it)',
  },
  {
    name: 'AUTH_MODE',
    values: 'jwt (default on Lambda) | dev (default elsewhere)',
    meaning: 'API user from the JWT authorizer’s sub, or (dev only) the X-User-Id header',
  },
  { name: 'GENERATOR', values: 'heuristic (default)', meaning: 'storyboard generator' },
  {
    name: 'CHUNK_MAX_CHARS',
    values: '1000–2000000 (default 40000)',
    meaning: 'largest chunk one step analyzes',
  },
  {
    name: 'MAX_NOVEL_BYTES',
    values: 'bytes (default 52428800)',
    meaning: 'largest novel accepted',
  },
  { name: 'LOG_LEVEL', values: 'DEBUG | INFO | WARN | ERROR | SILENT', meaning: 'log verbosity' },
];
