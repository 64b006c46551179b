import * as z from 'zod';
import { QWEN_DEFAULT_MODEL, QWEN_INTERNATIONAL_BASE_URL } from '@storyboard/llm';
import { GENERATOR_NAMES } from '../generators/generator-registry';

/* The zod schema of every setting an app reads: descriptions, defaults and ranges live here
 * once; `config.ts` parses with it and the README table and `--help` are derived from it. */

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

/** Marks a setting that names a deployed resource: on AWS the stack sets it, locally the
 * local stack does; it is never taken from a developer's own environment by the local app. */
const RESOURCE = { resource: true } as const;

const common = {
  GENERATOR: z
    .enum(GENERATOR_NAMES, { message: `must be ${GENERATOR_NAMES.join(' or ')}` })
    .default('heuristic')
    .describe('storyboard generator'),
  CHUNK_MAX_CHARS: positiveInt(40_000, 1_000, 2_000_000).describe(
    'largest chunk one analyze-chunk step storyboards (UTF-16 units); with GENERATOR=qwen the smaller of this and what fits the model (token estimate)',
  ),
  LLM_CONCURRENCY: positiveInt(4, 1, 64).describe(
    'chunks one in-process run (sync, fire-and-forget, an SQS worker invocation) analyzes at once',
  ),
  LLM_BASE_URL: z
    .url({ message: 'must be the URL of an OpenAI-compatible endpoint' })
    .default(QWEN_INTERNATIONAL_BASE_URL)
    .describe(
      'GENERATOR=qwen: Model Studio’s OpenAI-compatible endpoint (international; mainland China: https://dashscope.aliyuncs.com/compatible-mode/v1; locally fake-qwen’s URL)',
    ),
  LLM_MODEL: z.string().min(1).default(QWEN_DEFAULT_MODEL).describe('GENERATOR=qwen: the model id'),
  LLM_TIMEOUT_MS: positiveInt(120_000, 100, 600_000).describe(
    'GENERATOR=qwen: one HTTP attempt is abandoned (and retried) after this many ms',
  ),
  LLM_MAX_RETRIES: positiveInt(4, 0, 10).describe(
    'GENERATOR=qwen: retries on 429, 5xx, timeouts (never on 401/403/400); also answers asked for after an invalid one (re-ask, then fresh asks)',
  ),
  LLM_REQUESTS_PER_MINUTE: positiveInt(60, 1, 100_000).describe(
    'GENERATOR=qwen: requests per minute this process sends (one token bucket shared by all chunks)',
  ),
  QWEN_API_KEY: z
    .string()
    .min(1)
    .optional()
    .describe('GENERATOR=qwen locally: the Model Studio API key (never logged)'),
  QWEN_SECRET_ARN: z
    .string()
    .startsWith('arn:', { message: 'must be an ARN (arn:aws:secretsmanager:…)' })
    .optional()
    .describe(
      'GENERATOR=qwen on Lambda: Secrets Manager secret holding the key (raw, or JSON {"apiKey": …}); read once per cold start',
    ),
  PROGRESS_INTERVAL_MS: positiveInt(1_000, 0, 60_000).describe(
    'chunk progress is written to the job at most this often (ms); step boundaries always are',
  ),
  MAX_NOVEL_BYTES: positiveInt(50 * 1024 * 1024, 1, 500 * 1024 * 1024).describe(
    'largest novel accepted, in bytes',
  ),
  LOG_LEVEL: z
    .enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'], {
      message: 'must be DEBUG, INFO, WARN, ERROR or SILENT',
    })
    .default('INFO')
    .describe('log verbosity'),
  SYNC_MAX_CHARS: positiveInt(5_000, 1, 100_000_000).describe(
    'longest text (characters) the sync backend accepts: it runs inside the request (the CLI lifts it)',
  ),
  AUTH_MODE: z
    .enum(['jwt', 'dev'], { message: 'must be jwt or dev' })
    .optional()
    .describe(
      'API user: jwt = the API Gateway JWT authorizer’s sub (default on Lambda); dev = the X-User-Id header (default elsewhere; refused on Lambda)',
    ),
  PORT: positiveInt(3000, 0, 65_535).describe('port of the local API server (npm start)'),
  SSE_POLL_MS: positiveInt(1_000, 50, 60_000).describe(
    'GET /jobs/{id}/events: how often a stream reads the job store (ms)',
  ),
  SSE_MAX_STREAM_SECONDS: positiveInt(300, 1, 840).describe(
    'GET /jobs/{id}/events: a stream closes after this long with a retry hint (s; under the 15-min Lambda limit)',
  ),
  JWT_ISSUER: z
    .url({ message: 'must be the token issuer URL (iss)' })
    .optional()
    .describe('streaming API on a function URL: the issuer whose JWTs it verifies (iss)'),
  JWT_AUDIENCE: z
    .string()
    .min(1)
    .optional()
    .describe('streaming API: the expected aud claim (unchecked when unset)'),
  JWKS_URL: z
    .url({ message: 'must be the URL of the issuer’s JWKS' })
    .optional()
    .describe('streaming API: the issuer’s JWKS (default {JWT_ISSUER}/.well-known/jwks.json)'),
  LEASE_MS: positiveInt(120_000, 100, 3_600_000).describe(
    'lease of a running attempt, renewed every third of it; past it the sweeper takes the attempt for dead',
  ),
  QUEUED_STALL_MS: positiveInt(900_000, 100, 86_400_000).describe(
    'a job still queued this long after its last change counts as stalled (also the time a re-dispatched attempt gets to be picked up)',
  ),
  MAX_STALLS: positiveInt(3, 0, 100).describe(
    're-dispatches in a row without progress (same stage and chunk count) before the sweeper fails the job JOB.STALLED',
  ),
  SWEEP_BATCH_SIZE: positiveInt(100, 1, 1000).describe('stalled jobs the sweeper reads per query'),
  SWEEP_INTERVAL_MS: positiveInt(60_000, 100, 3_600_000).describe(
    'local stack: how often the in-process sweeper runs (AWS: the EventBridge schedule)',
  ),
  DATA_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      'npm start: keep DynamoDB and S3 data in this folder between runs (default: none kept)',
    ),
  STOP_DRAIN_MS: positiveInt(10_000, 0, 600_000).describe(
    'npm start: on SIGTERM/SIGINT, time work in flight may finish before it is left to the sweeper',
  ),
  LOCAL_WORKER_TIMEOUT_MS: positiveInt(900_000, 1_000, 900_000).describe(
    'npm start: the simulated worker Lambda timeout; the local queue hides a message 6 × this',
  ),
  ENABLED_BACKENDS: z
    .string()
    .optional()
    .describe(
      'comma-separated backends a POST …/analyses {"backend"} may pick; each needs its own settings (default: only EXECUTION_BACKEND)',
    ),
  AWS_LAMBDA_FUNCTION_NAME: z
    .string()
    .optional()
    .describe('set by the Lambda runtime; its presence means "running on Lambda"')
    .meta(RESOURCE),
};

const storage = z.discriminatedUnion(
  'STORAGE',
  [
    z.object({
      STORAGE: z
        .literal('memory')
        .default('memory')
        .describe('where novels, jobs and storyboards live; memory is refused on Lambda'),
    }),
    z.object({
      STORAGE: z.literal('aws'),
      TABLE_NAME: z
        .string({ message: 'must be set when STORAGE=aws (the DynamoDB table name)' })
        .min(1)
        .describe('DynamoDB table')
        .meta(RESOURCE),
      BUCKET_NAME: z
        .string({ message: 'must be set when STORAGE=aws (the S3 bucket for novel text)' })
        .min(1)
        .describe('S3 bucket for novel text')
        .meta(RESOURCE),
    }),
  ],
  { message: 'must be memory or aws' },
);

export const BACKENDS_SCHEMA = z.discriminatedUnion(
  'EXECUTION_BACKEND',
  [
    z.object({
      EXECUTION_BACKEND: z.literal('sqs').default('sqs').describe('how a job runs'),
      JOB_QUEUE_URL: z
        .url({
          message: 'must be the URL of the jobs queue (required when EXECUTION_BACKEND=sqs)',
        })
        .describe('jobs queue')
        .meta(RESOURCE),
      MAX_RECEIVE_COUNT: positiveInt(3, 1, 1000).describe(
        'the queue’s redrive maxReceiveCount: on that receive the worker marks a failing job failed',
      ),
      WORKER_RESERVE_MS: positiveInt(60_000, 0, 900_000).describe(
        'the worker stops starting chunks when less than this (ms) remains of its invocation, and continues in a new message',
      ),
      ...common,
    }),
    z.object({
      EXECUTION_BACKEND: z.literal('stepfunctions'),
      STATE_MACHINE_ARN: z
        .string({
          message:
            'must be the ARN of the analysis state machine (required when EXECUTION_BACKEND=stepfunctions)',
        })
        .startsWith('arn:', { message: 'must be an ARN (arn:aws:states:…)' })
        .describe('analysis state machine')
        .meta(RESOURCE),
      SFN_MAX_CONCURRENCY: positiveInt(4, 1, 40).describe(
        'chunks analyzed at once by the Map state',
      ),
      ...common,
    }),
    z.object({
      EXECUTION_BACKEND: z.literal('durable'),
      DURABLE_FUNCTION_ARN: z
        .string({
          message:
            'must be the qualified ARN (version or alias) of the durable job function (required when EXECUTION_BACKEND=durable)',
        })
        .regex(/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/, {
          message:
            'must be a qualified Lambda function ARN (arn:aws:lambda:…:function:name:alias); durable executions start on a version or alias',
        })
        .describe('durable job function, qualified (version or alias)')
        .meta(RESOURCE),
      DURABLE_MAX_CONCURRENCY: positiveInt(4, 1, 40).describe(
        'chunks analyzed at once by the durable context.map',
      ),
      ...common,
    }),
    z.object({
      EXECUTION_BACKEND: z.literal('fire-and-forget'),
      ALLOW_UNSAFE_FIRE_AND_FORGET: flag.describe(
        'lets fire-and-forget start on Lambda (benchmarks only)',
      ),
      ...common,
    }),
    z.object({ EXECUTION_BACKEND: z.literal('sync'), ...common }),
  ],
  { message: 'must be one of sync, sqs, stepfunctions, durable, fire-and-forget' },
);

/** The whole environment an app reads: the backend's settings and the storage's. */
export const CONFIG_SCHEMA = z.intersection(BACKENDS_SCHEMA, storage);
