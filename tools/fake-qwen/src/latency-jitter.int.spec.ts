// latencyJitterMs: each answer waits latencyMs plus a seeded uniform 0..latencyJitterMs, drawn
// from its own generator so the fault draws (and so a run's outcomes) do not change with it.
import { buildChunkMessages } from '@storyboard/llm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeQwen, type FakeQwen, type FakeQwenOptionsInput } from './index';
import { generatorInputs, readSample } from './test-support';

const KEY = 'fake-key-0004';
const CALLS = 40;
const open: FakeQwen[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

let messages: ReturnType<typeof buildChunkMessages>;
beforeAll(async () => {
  const { inputs } = await generatorInputs(readSample('en-the-lighthouse-keeper.txt'), 2_000);
  messages = buildChunkMessages(inputs[0] as (typeof inputs)[number]);
});

/** `CALLS` requests one after the other; the waits the fake asked for (answered at once). */
async function run(options: FakeQwenOptionsInput) {
  const waits: number[] = [];
  const fake = await startFakeQwen(
    { apiKey: KEY, ...options },
    { sleep: (ms) => (waits.push(ms), Promise.resolve()) },
  );
  open.push(fake);
  for (let i = 0; i < CALLS; i++) {
    const res = await fetch(`${fake.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
      body: JSON.stringify({ model: 'qwen-plus', messages }),
    });
    await res.arrayBuffer();
  }
  return { waits, outcomes: fake.requests.map((r) => r.outcome) };
}

describe('fake-qwen latencyJitterMs', () => {
  it('waits latencyMs plus a uniform 0..jitter per answer, spread over the range', async () => {
    const { waits } = await run({ latencyMs: 1000, latencyJitterMs: 2000, seed: 7 });
    expect(waits).toHaveLength(CALLS);
    for (const ms of waits) {
      expect(ms).toBeGreaterThanOrEqual(1000);
      expect(ms).toBeLessThan(3000);
    }
    // Uniform over 2 s: 40 draws fall in both halves of the range, not on one value.
    expect(waits.filter((ms) => ms < 2000).length).toBeGreaterThan(5);
    expect(waits.filter((ms) => ms >= 2000).length).toBeGreaterThan(5);
    expect(new Set(waits).size).toBeGreaterThan(CALLS / 2);
  });

  it('draws the same waits from the same seed, other waits from another seed', async () => {
    const a = await run({ latencyMs: 1000, latencyJitterMs: 2000, seed: 7 });
    const b = await run({ latencyMs: 1000, latencyJitterMs: 2000, seed: 7 });
    const c = await run({ latencyMs: 1000, latencyJitterMs: 2000, seed: 8 });
    expect(b.waits).toEqual(a.waits);
    expect(c.waits).not.toEqual(a.waits);
  });

  it('leaves the fault draws unchanged: the same outcomes with and without jitter', async () => {
    const faults = { rate500: 0.3, rate429: 0.1, seed: 11, retryAfterSeconds: 0 };
    const plain = await run({ latencyMs: 1000, ...faults });
    const jittered = await run({ latencyMs: 1000, latencyJitterMs: 2000, ...faults });
    expect(plain.outcomes).toContain('server-error');
    expect(plain.outcomes).toContain('ok');
    expect(jittered.outcomes).toEqual(plain.outcomes);
    // Without jitter every answer waits exactly latencyMs; only the answered ones wait.
    expect(plain.waits).toEqual(plain.outcomes.filter((o) => o === 'ok').map(() => 1000));
    expect(jittered.waits).toHaveLength(plain.waits.length);
  });
});
