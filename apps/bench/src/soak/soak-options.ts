import { parseArgs } from 'node:util';
import * as z from 'zod';

export const SOAK_BACKENDS = ['sqs', 'stepfunctions'] as const;
export type SoakBackend = (typeof SOAK_BACKENDS)[number];

export const SOAK_USAGE = `usage: npm run bench:soak -- [options]
Fault-injection soak: jobs run on simulated Lambda environments while a worker environment
is killed (SIGKILL) at random every few seconds; the simulator starts a new one for the next
invocation, and a sweeper function runs on a timer as EventBridge Scheduler would run it.
Every job must end completed; the figures say what it took.
  --jobs N               jobs per backend (1–5000, default 200)
  --backend LIST         comma-separated, from ${SOAK_BACKENDS.join(', ')} (default: both)
  --kill-every MIN-MAX   seconds between two kills, drawn uniformly (default 2-6)
  --in-flight N          unfinished jobs kept at once: a sustained load (default 16)
  --workers N            reserved concurrency of the worker / each step-task function (default 4)
  --chars N              the text per job: the bundled sample cut to N characters (default 3000)
  --chunk-chars N        CHUNK_MAX_CHARS (default 1000: a few chunks per job)
  --lease-ms MS          LEASE_MS (default 30000: longer than a cold start on a loaded machine)
  --sweep-ms MS          the sweeper's period (default 1000)
  --queued-stall-ms MS   QUEUED_STALL_MS (default 120000: longer than the queue's backlog)
  --max-stalls N         MAX_STALLS (default 3, the product's default)
  --visibility S         queue visibility timeout and worker timeout, seconds (default 20)
  --timeout S            give up on a backend after S seconds (default 1800)
  --seed N               seed of the kill schedule (default: random; printed)
  --out FILE             also write the figures as JSON`;

const int = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `--${name} must be a whole number`)
    .default(String(fallback))
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `--${name} must be at least ${min}`)
        .max(max, `--${name} must be at most ${max}`),
    );

const SoakArgsSchema = z
  .object({
    jobs: int('jobs', 1, 5000, 200),
    backend: z
      .string()
      .default(SOAK_BACKENDS.join(','))
      .transform((s) => s.split(',').map((b) => b.trim()))
      .pipe(
        z.array(
          z.enum(SOAK_BACKENDS, {
            error: `--backend takes ${SOAK_BACKENDS.join(', ')} (comma-separated)`,
          }),
        ),
      ),
    'kill-every': z
      .string()
      .regex(/^\d+(\.\d+)?-\d+(\.\d+)?$/, '--kill-every is MIN-MAX seconds, e.g. 1-4')
      .default('2-6')
      .transform((s) => s.split('-').map((n) => Number(n) * 1000) as [number, number])
      .refine(([min, max]) => min >= 100 && min <= max, '--kill-every: 0.1 ≤ MIN ≤ MAX'),
    'in-flight': int('in-flight', 1, 1000, 16),
    workers: int('workers', 1, 64, 4),
    chars: int('chars', 100, 10_000_000, 3000),
    'chunk-chars': int('chunk-chars', 1000, 2_000_000, 1000),
    'lease-ms': int('lease-ms', 100, 3_600_000, 30_000),
    'sweep-ms': int('sweep-ms', 100, 3_600_000, 1000),
    'queued-stall-ms': int('queued-stall-ms', 100, 86_400_000, 120_000),
    'max-stalls': int('max-stalls', 0, 100, 3),
    visibility: int('visibility', 2, 43_200, 20),
    timeout: int('timeout', 5, 86_400, 1800),
    seed: z.string().regex(/^\d+$/, '--seed must be a whole number').transform(Number).optional(),
    out: z.string().min(1).optional(),
  })
  .strict();

export interface SoakOptions {
  jobs: number;
  backends: SoakBackend[];
  killEveryMs: [number, number];
  inFlight: number;
  workers: number;
  chars: number;
  chunkChars: number;
  leaseMs: number;
  sweepMs: number;
  queuedStallMs: number;
  maxStalls: number;
  visibilitySeconds: number;
  timeoutMs: number;
  seed: number;
  out?: string;
}

/** Thrown for bad command-line arguments: the message says which and what is allowed. */
export class SoakUsageError extends Error {
  override readonly name = 'SoakUsageError';
}

/** Parses `npm run bench:soak -- …` arguments (zod-validated; every error names the flag). */
export function parseSoakArgs(argv: readonly string[], random = Math.random): SoakOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: Object.fromEntries(
        Object.keys(SoakArgsSchema.shape).map((k) => [k, { type: 'string' as const }]),
      ),
    }));
  } catch (err) {
    throw new SoakUsageError(err instanceof Error ? err.message : String(err));
  }
  const parsed = SoakArgsSchema.safeParse(values);
  if (!parsed.success) {
    throw new SoakUsageError(parsed.error.issues.map((i) => i.message).join('; '));
  }
  const v = parsed.data;
  return {
    jobs: v.jobs,
    backends: [...new Set(v.backend)],
    killEveryMs: v['kill-every'],
    inFlight: v['in-flight'],
    workers: v.workers,
    chars: v.chars,
    chunkChars: v['chunk-chars'],
    leaseMs: v['lease-ms'],
    sweepMs: v['sweep-ms'],
    queuedStallMs: v['queued-stall-ms'],
    maxStalls: v['max-stalls'],
    visibilitySeconds: v.visibility,
    timeoutMs: v.timeout * 1000,
    seed: v.seed ?? Math.floor(random() * 2 ** 31),
    ...(v.out ? { out: v.out } : {}),
  };
}
