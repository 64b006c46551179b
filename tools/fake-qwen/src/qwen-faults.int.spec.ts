// How QwenStoryboardGenerator meets a misbehaving service: exact request counts come from
// fake-qwen's request log, waits from an injected sleep (no test waits for real backoff).
import {
  FragmentSchema,
  GeneratorOutputError,
  GeneratorUnavailableError,
  PermanentError,
} from '@storyboard/domain';
import {
  GeneratorAuthError,
  GeneratorRejectedError,
  QwenStoryboardGenerator,
  TokenBucket,
} from '@storyboard/llm';
import { fakeTiming } from '@storyboard/llm/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeQwen, type FakeQwen, type FakeQwenOptionsInput } from './index';
import { generatorInputs, readSample } from './test-support';

const KEY = 'test-key-0002';
let fake: FakeQwen | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

let input: Awaited<ReturnType<typeof generatorInputs>>['inputs'][number];
beforeAll(async () => {
  const { inputs } = await generatorInputs(readSample('en-the-lighthouse-keeper.txt'), 3_000);
  input = inputs[0] as typeof input;
});

async function setup(
  options: FakeQwenOptionsInput,
  settings: { maxRetries?: number; timeoutMs?: number; apiKey?: string } = {},
) {
  fake = await startFakeQwen({ apiKey: KEY, ...options });
  const timing = fakeTiming();
  const generator = new QwenStoryboardGenerator(
    {
      apiKey: KEY,
      baseURL: fake.url,
      maxRetries: 3,
      timeoutMs: 5_000,
      backoffBaseMs: 1_000,
      ...settings,
    },
    { timing, random: () => 0, bucket: new TokenBucket(100_000, 1_000) },
  );
  return { fake, generator, timing };
}

describe('answers that need repair', () => {
  it('takes a code-fenced answer as is: one request, no re-ask', async () => {
    const { fake, generator } = await setup({ script: ['fenced-json'] });
    const fragment = await generator.generate(input);
    expect(FragmentSchema.safeParse(fragment).success).toBe(true);
    expect(fake.requests.map((r) => r.outcome)).toEqual(['fenced-json']);
    expect(generator.warnings.reasks).toBe(0);
  });

  it('repairs a truncated answer without a second call, and counts it', async () => {
    const { fake, generator } = await setup({ script: ['truncated-json'] });
    const fragment = await generator.generate(input);
    expect(FragmentSchema.safeParse(fragment).success).toBe(true);
    expect(fake.requests).toHaveLength(1);
    expect(generator.warnings).toMatchObject({ truncatedAnswers: 1, reasks: 0 });
  });

  it('asks again exactly once after prose, quoting what was wrong, and adds both calls to usage', async () => {
    const { fake, generator } = await setup({ script: ['invalid-json'] });
    const fragment = await generator.generate(input);
    expect(FragmentSchema.safeParse(fragment).success).toBe(true);
    expect(fake.requests.map((r) => [r.outcome, r.messages])).toEqual([
      ['invalid-json', 2],
      ['ok', 4],
    ]);
    expect(generator.warnings.reasks).toBe(1);
    expect(fragment.usage?.promptTokens).toBe(
      (fake.requests[0]?.promptTokens ?? 0) + (fake.requests[1]?.promptTokens ?? 0),
    );
  });

  it('after an invalid re-ask asks afresh (the prompt alone), and takes a valid answer', async () => {
    const { fake, generator } = await setup({ script: ['invalid-json', 'invalid-json'] });
    const fragment = await generator.generate(input);
    expect(FragmentSchema.safeParse(fragment).success).toBe(true);
    expect(fake.requests.map((r) => r.outcome)).toEqual(['invalid-json', 'invalid-json', 'ok']);
    // Re-ask: prompt + bad answer + correction; fresh ask: the prompt alone.
    expect(fake.requests.map((r) => r.messages)).toEqual([2, 4, 2]);
  });

  it('fails permanently with GENERATOR.INVALID_OUTPUT after 1 + maxRetries invalid answers', async () => {
    const { fake, generator } = await setup({
      script: ['invalid-json', 'invalid-json', 'invalid-json', 'invalid-json', 'ok'],
    });
    const err = await generator.generate(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GeneratorOutputError);
    expect(err).toMatchObject({ code: 'GENERATOR.INVALID_OUTPUT', retryable: false });
    expect(fake.requests).toHaveLength(4); // maxRetries 3
  });
});

describe('HTTP failures', () => {
  it('401: a permanent GENERATOR.AUTH_FAILED after exactly one request', async () => {
    const { fake, generator, timing } = await setup({ force: '401' });
    const err = await generator.generate(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GeneratorAuthError);
    expect(err).toBeInstanceOf(PermanentError);
    expect(err).toMatchObject({ code: 'GENERATOR.AUTH_FAILED', retryable: false, status: 401 });
    expect(fake.requests).toHaveLength(1);
    expect(timing.slept).toEqual([]);
  });

  it('a wrong key is the same permanent error, and the fake saw the key as wrong', async () => {
    const { fake, generator } = await setup({}, { apiKey: 'not-the-key' });
    await expect(generator.generate(input)).rejects.toBeInstanceOf(GeneratorAuthError);
    expect(fake.requests.map((r) => r.auth)).toEqual(['wrong']);
  });

  it('400: a permanent GENERATOR.REJECTED after exactly one request', async () => {
    const { fake, generator } = await setup({ script: ['rejected'] });
    const err = await generator.generate(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GeneratorRejectedError);
    expect(err).toMatchObject({
      code: 'GENERATOR.REJECTED',
      retryable: false,
      status: 400,
      serviceCode: 'data_inspection_failed',
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('500 every time: GeneratorUnavailableError after exactly 1 + maxRetries requests, backing off exponentially', async () => {
    const { fake, generator, timing } = await setup({ force: '500' }, { maxRetries: 3 });
    const err = await generator.generate(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GeneratorUnavailableError);
    expect(err).toMatchObject({ code: 'GENERATOR.UNAVAILABLE', retryable: true });
    expect(fake.requests).toHaveLength(4);
    expect(timing.slept).toEqual([500, 1_000, 2_000]);
  });

  it('honours Retry-After on a 429, then succeeds', async () => {
    const { fake, generator, timing } = await setup({
      script: ['throttled'],
      retryAfterSeconds: 7,
    });
    const fragment = await generator.generate(input);
    expect(FragmentSchema.safeParse(fragment).success).toBe(true);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(timing.slept).toEqual([7_000]);
  });

  it('a hung call times out and is retried', async () => {
    const { fake, generator, timing } = await setup({ script: ['hang'] }, { timeoutMs: 300 });
    const fragment = await generator.generate(input);
    expect(FragmentSchema.safeParse(fragment).success).toBe(true);
    expect(timing.slept).toEqual([500]);
    expect(fake.requests.map((r) => r.outcome).sort()).toEqual(['hang', 'ok']);
  });

  it('stops at once, without retrying, when the caller aborts', async () => {
    const { fake, generator } = await setup({ script: ['hang'] }, { timeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = generator.generate(input, controller.signal);
    setTimeout(() => controller.abort(new Error('job cancelled')), 200);
    await expect(pending).rejects.toThrow('job cancelled');
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.requests.length).toBeLessThanOrEqual(1);
  });
});

describe('the shared request budget', () => {
  it('spaces a burst of chunks from two generators sharing one bucket', async () => {
    fake = await startFakeQwen({ apiKey: KEY });
    const timing = fakeTiming();
    const bucket = new TokenBucket(60, 2, timing);
    const make = () =>
      new QwenStoryboardGenerator(
        { apiKey: KEY, baseURL: fake?.url ?? '' },
        { bucket, timing, random: () => 0 },
      );
    const [a, b] = [make(), make()];
    await Promise.all([
      a.generate(input),
      b.generate(input),
      a.generate(input),
      b.generate(input),
      a.generate(input),
    ]);
    expect(fake.requests).toHaveLength(5);
    // Two at once (burst 2), then one per second (60 per minute).
    expect(timing.slept).toEqual([1_000, 2_000, 3_000]);
  });
});

describe('client bucket against the service limit (one virtual clock for both)', () => {
  async function burst(clientPerMinute: number) {
    const timing = fakeTiming();
    fake = await startFakeQwen({ apiKey: KEY, requestsPerMinute: 5 }, { now: timing.now });
    const generator = new QwenStoryboardGenerator(
      { apiKey: KEY, baseURL: fake.url, maxRetries: 0 },
      { timing, random: () => 0, bucket: new TokenBucket(clientPerMinute, 1, timing) },
    );
    // One chunk after another, as one worker runs them: the virtual clock moves only when the
    // bucket makes a caller wait, and the fake reads the same clock.
    const results: { status: 'fulfilled' | 'rejected' }[] = [];
    for (let i = 0; i < 8; i++) {
      results.push(
        await generator.generate(input).then(
          () => ({ status: 'fulfilled' as const }),
          () => ({ status: 'rejected' as const }),
        ),
      );
    }
    return { results, statuses: fake.requests.map((r) => r.status) };
  }

  it('at the service’s rate, 8 chunks in a row meet no 429', async () => {
    const { results, statuses } = await burst(5);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(statuses.filter((s) => s === 429)).toHaveLength(0);
  });

  it('without the bucket the same chunks are throttled with Throttling.RateQuota', async () => {
    const { results, statuses } = await burst(100_000);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(3);
    expect(fake?.requests.filter((r) => r.outcome === 'rate-limited')).toHaveLength(3);
  });
});
