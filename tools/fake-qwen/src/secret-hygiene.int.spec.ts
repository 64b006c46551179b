// The API key never leaves the client: not in a log line, an error message, a serialised
// error or generator, nor fake-qwen's request log, even when the service echoes it back.
import { inspect } from 'node:util';
import { QwenStoryboardGenerator, TokenBucket, type LlmLogger } from '@storyboard/llm';
import { fakeTiming } from '@storyboard/llm/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeQwen, type FakeQwen } from './index';
import { generatorInputs, readSample } from './test-support';

const KEY = 'sk-leakcheck-7Qz9XwV2pL4mN8rT';
let fake: FakeQwen | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('the API key', () => {
  it('appears in no log line, error or serialisation across success, retries, re-asks and failures', async () => {
    const { inputs } = await generatorInputs(readSample('en-the-lighthouse-keeper.txt'), 3_000);
    const lines: string[] = [];
    const logger: LlmLogger = {
      info: (m, e) => lines.push(JSON.stringify({ level: 'INFO', m, ...e })),
      warn: (m, e) => lines.push(JSON.stringify({ level: 'WARN', m, ...e })),
    };
    const seen: string[] = [];
    const run = async (options: Parameters<typeof startFakeQwen>[0], key = KEY) => {
      fake = await startFakeQwen({ apiKey: KEY, echoKeyInErrors: true, ...options });
      const generator = new QwenStoryboardGenerator(
        { apiKey: key, baseURL: fake.url, maxRetries: 2, timeoutMs: 300 },
        { logger, timing: fakeTiming(), random: () => 0, bucket: new TokenBucket(100_000, 1_000) },
      );
      for (const input of inputs.slice(0, 2)) {
        try {
          await generator.generate(input);
        } catch (err) {
          seen.push(String(err), JSON.stringify(err), inspect(err, { depth: 8, showHidden: true }));
        }
      }
      seen.push(JSON.stringify(generator), inspect(generator, { depth: 8, showHidden: true }));
      seen.push(JSON.stringify(fake.requests));
      await fake.close();
      fake = undefined;
    };
    await run({ script: ['throttled', 'server-error', 'invalid-json', 'hang', 'truncated-json'] });
    await run({ force: '401' });
    await run({ script: ['rejected', 'rejected'] });
    await run({ force: '500' });
    await run({ script: ['invalid-json', 'invalid-json'] });
    await run({}, `${KEY}-wrong`);
    const everything = [...lines, ...seen].join('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(seen.join('\n')).toMatch(/GENERATOR\.AUTH_FAILED|AUTH_FAILED|GeneratorAuthError/);
    expect(seen.join('\n')).toContain('GeneratorRejectedError');
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain('7Qz9XwV2pL4mN8rT');
  });
});
