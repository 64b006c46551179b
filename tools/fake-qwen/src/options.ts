import * as z from 'zod';

export const FAULTS = [
  'ok',
  'unauthorized',
  'rejected',
  'throttled',
  'server-error',
  'hang',
  'invalid-json',
  'truncated-json',
  'fenced-json',
] as const;
export type Fault = (typeof FAULTS)[number];

const rate = z.number().min(0).max(1).default(0);

/** Every knob of the fake. Rates are probabilities per request, drawn from a seeded generator
 * so a run is repeatable; `script` forces the outcome of the first requests in order. */
export const FakeQwenOptionsSchema = z.object({
  /** 0 = a free port. Always bound to 127.0.0.1. */
  port: z.number().int().min(0).max(65_535).default(0),
  /** The bearer key every request must carry; anything else is answered 401. */
  apiKey: z.string().min(1).default('fake-qwen-key'),
  latencyMs: z.number().min(0).default(0),
  latencyPerOutputTokenMs: z.number().min(0).default(0),
  /** A uniform extra 0..this ms per answer (its own seeded draws: fault draws are unchanged). */
  latencyJitterMs: z.number().min(0).default(0),
  rate429: rate,
  rate500: rate,
  rateHang: rate,
  rateInvalidJson: rate,
  rateTruncatedJson: rate,
  rateFencedJson: rate,
  /** Seconds sent in `Retry-After` with a drawn 429. */
  retryAfterSeconds: z.number().int().min(0).default(1),
  /** Like Model Studio: more accepted requests than this in any 60 s → 429 Throttling.RateQuota. */
  requestsPerMinute: z.number().int().min(1).optional(),
  /** Every request answers this status (a dead key, a broken service). */
  force: z.enum(['401', '500']).optional(),
  /** How long a hung request is held before the server answers 504 (default: until the client
   * goes away or the server closes). */
  hangMs: z.number().min(0).optional(),
  /** The outcomes of the first requests, in order; then the rates apply. */
  script: z.array(z.enum(FAULTS)).default([]),
  seed: z.number().int().default(1),
  /** Append one JSON line per request here. */
  logFile: z.string().min(1).optional(),
  /** Hostile mode for redaction tests: error bodies quote the bearer token the request sent. */
  echoKeyInErrors: z.boolean().default(false),
});
export type FakeQwenOptionsInput = z.input<typeof FakeQwenOptionsSchema>;
export type FakeQwenOptions = z.output<typeof FakeQwenOptionsSchema>;

/** A tiny seeded PRNG (mulberry32): the same seed draws the same faults. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The fault for one request: the script first, then one draw against the cumulative rates. */
export function drawFault(o: FakeQwenOptions, n: number, random: () => number): Fault {
  if (o.force === '401') return 'unauthorized';
  if (o.force === '500') return 'server-error';
  const scripted = o.script[n - 1];
  if (scripted) return scripted;
  const r = random();
  const table: [number, Fault][] = [
    [o.rate429, 'throttled'],
    [o.rate500, 'server-error'],
    [o.rateHang, 'hang'],
    [o.rateInvalidJson, 'invalid-json'],
    [o.rateTruncatedJson, 'truncated-json'],
    [o.rateFencedJson, 'fenced-json'],
  ];
  let edge = 0;
  for (const [p, fault] of table) {
    edge += p;
    if (r < edge) return fault;
  }
  return 'ok';
}
