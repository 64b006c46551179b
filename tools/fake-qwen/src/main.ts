// `npm run fake-qwen -- --port 8787 --latency-ms 2000 --rate-429 0.1`: the fake on 127.0.0.1
// until Ctrl-C. Every flag maps onto one option of startFakeQwen (see --help).
import { parseArgs } from 'node:util';
import { FakeQwenOptionsSchema, FAULTS } from './options';
import { startFakeQwen } from './start-fake-qwen';

const HELP = `fake-qwen: an OpenAI-compatible chat-completions server (POST /v1/chat/completions) that
answers storyboard prompts from @storyboard/llm with storyboard JSON taken from the chunk text.
Bound to 127.0.0.1 only.

Usage: npm run fake-qwen -- [options]

  --port N                    port (default 8787; 0 = any free port)
  --api-key KEY               the bearer key to expect (default: $FAKE_QWEN_API_KEY or fake-qwen-key)
  --latency-ms MS             fixed latency of every answer (default 0)
  --latency-per-token-ms MS   plus this per output token (default 0)
  --rate-429 P                share of requests answered 429 with Retry-After (0..1)
  --rate-500 P                share answered 500
  --rate-hang P               share held open until the client gives up
  --rate-invalid-json P       share answered with prose instead of JSON
  --rate-truncated-json P     share answered with JSON cut off (finish_reason length)
  --rate-fenced-json P        share answered with JSON inside a Markdown code fence
  --retry-after S             Retry-After seconds on a drawn 429 (default 1)
  --rpm N                     requests per rolling minute; more → 429 Throttling.RateQuota
  --force 401|500             every request answers this status
  --hang-ms MS                release a hung request after MS with 504 (default: never)
  --script F,F,…              outcomes of the first requests (${FAULTS.join(', ')})
  --seed N                    seed of the fault draws (default 1)
  --log FILE                  append one JSON line per request to FILE
  --help                      this text
`;

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    'api-key': { type: 'string' },
    'latency-ms': { type: 'string' },
    'latency-per-token-ms': { type: 'string' },
    'rate-429': { type: 'string' },
    'rate-500': { type: 'string' },
    'rate-hang': { type: 'string' },
    'rate-invalid-json': { type: 'string' },
    'rate-truncated-json': { type: 'string' },
    'rate-fenced-json': { type: 'string' },
    'retry-after': { type: 'string' },
    rpm: { type: 'string' },
    force: { type: 'string' },
    'hang-ms': { type: 'string' },
    script: { type: 'string' },
    seed: { type: 'string' },
    log: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const parsed = FakeQwenOptionsSchema.safeParse({
  port: num(values.port),
  apiKey: values['api-key'] ?? process.env['FAKE_QWEN_API_KEY'],
  latencyMs: num(values['latency-ms']),
  latencyPerOutputTokenMs: num(values['latency-per-token-ms']),
  rate429: num(values['rate-429']),
  rate500: num(values['rate-500']),
  rateHang: num(values['rate-hang']),
  rateInvalidJson: num(values['rate-invalid-json']),
  rateTruncatedJson: num(values['rate-truncated-json']),
  rateFencedJson: num(values['rate-fenced-json']),
  retryAfterSeconds: num(values['retry-after']),
  requestsPerMinute: num(values.rpm),
  force: values.force,
  hangMs: num(values['hang-ms']),
  script: values.script?.split(',').filter(Boolean),
  seed: num(values.seed),
  logFile: values.log,
});
if (!parsed.success) {
  const issues = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
  process.stderr.write(`fake-qwen: invalid options\n${issues}\nSee --help.\n`);
  process.exit(2);
}

const fake = await startFakeQwen(parsed.data);
process.stdout.write(
  `fake-qwen listening on ${fake.url} (expects the API key given by --api-key / FAKE_QWEN_API_KEY)\n` +
    `Use it with: LLM_BASE_URL=${fake.url}\n`,
);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
