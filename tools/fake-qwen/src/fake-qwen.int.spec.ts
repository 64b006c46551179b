import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChunkMessages, parseChunkPrompt } from '@storyboard/llm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { drawFault, FakeQwenOptionsSchema, seededRandom } from './options';
import {
  startFakeQwen,
  type FakeQwen,
  type FakeQwenOptionsInput,
  type FakeQwenTiming,
} from './index';
import { generatorInputs, readSample } from './test-support';

const KEY = 'fake-key-0003';
let fake: FakeQwen | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

let messages: ReturnType<typeof buildChunkMessages>;
beforeAll(async () => {
  const { inputs } = await generatorInputs(readSample('zh-the-paper-crane.txt'), 2_000);
  messages = buildChunkMessages(inputs[0] as (typeof inputs)[number]);
});

async function post(f: FakeQwen, body: unknown, key: string | null = KEY) {
  const res = await fetch(`${f.url}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    headers: res.headers,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads the wire format
    json: (await res.json()) as Record<string, any>,
  };
}

const start = (o: FakeQwenOptionsInput = {}, t?: FakeQwenTiming) =>
  startFakeQwen({ apiKey: KEY, ...o }, t).then((f) => (fake = f));

describe('fake-qwen', () => {
  it('answers a storyboard prompt in the OpenAI shape, with usage and verbatim anchors', async () => {
    const f = await start();
    const a = await post(f, { model: 'qwen-plus', messages });
    expect(a.status).toBe(200);
    expect(a.json).toMatchObject({
      object: 'chat.completion',
      model: 'qwen-plus',
      choices: [{ finish_reason: 'stop' }],
    });
    expect(a.json['usage'].prompt_tokens).toBeGreaterThan(0);
    const answer = JSON.parse(a.json['choices'][0].message.content);
    const prompt = parseChunkPrompt(messages[0]?.content ?? '', messages[1]?.content ?? '');
    for (const section of answer.sections) {
      const text = prompt?.sections.find((s) => s.section === section.section)?.text ?? '';
      for (const scene of section.scenes)
        for (const p of scene.panels) expect(text).toContain(p.anchor);
    }
    const again = await post(f, { model: 'qwen-plus', messages });
    expect(again.json['choices'][0].message.content).toBe(a.json['choices'][0].message.content);
  });

  it('refuses a missing or wrong key with 401 and logs only whether it matched', async () => {
    const f = await start();
    expect((await post(f, { model: 'm', messages }, null)).status).toBe(401);
    const wrong = await post(f, { model: 'm', messages }, 'nope');
    expect(wrong.status).toBe(401);
    expect(wrong.json['error']).toMatchObject({ code: 'invalid_api_key' });
    expect(f.requests.map((r) => r.auth)).toEqual(['missing', 'wrong']);
  });

  it('limits requests per rolling minute like Model Studio: 429 Throttling.RateQuota with Retry-After', async () => {
    let now = 0;
    const f = await start({ requestsPerMinute: 2 }, { now: () => now });
    expect((await post(f, { model: 'm', messages })).status).toBe(200);
    now = 10_000;
    expect((await post(f, { model: 'm', messages })).status).toBe(200);
    now = 20_000;
    const limited = await post(f, { model: 'm', messages });
    expect(limited.status).toBe(429);
    expect(limited.json['error']).toMatchObject({ code: 'Throttling.RateQuota' });
    expect(limited.headers.get('retry-after')).toBe('40');
    now = 60_001;
    expect((await post(f, { model: 'm', messages })).status).toBe(200);
  });

  it('writes a JSONL request log', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fake-qwen-')), 'requests.jsonl');
    const f = await start({ logFile: file, script: ['server-error'] });
    await post(f, { model: 'm', messages });
    await post(f, { model: 'm', messages });
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.seq, l.status, l.outcome])).toEqual([
      [1, 500, 'server-error'],
      [2, 200, 'ok'],
    ]);
    expect(lines).toEqual(f.requests);
  });

  it('answers 400 to a prompt that is not a storyboard prompt and 404 off its route', async () => {
    const f = await start();
    expect(
      (await post(f, { model: 'm', messages: [{ role: 'user', content: 'hi' }] })).status,
    ).toBe(400);
    expect((await fetch(`${f.url}/models`)).status).toBe(404);
  });
});

describe('fault draws', () => {
  it('are repeatable for a seed and follow the configured rates', () => {
    const o = FakeQwenOptionsSchema.parse({
      rate429: 0.1,
      rate500: 0.1,
      rateInvalidJson: 0.05,
      seed: 9,
    });
    const draw = (seed: number) => {
      const r = seededRandom(seed);
      return Array.from({ length: 2_000 }, (_, i) => drawFault(o, i + 1, r));
    };
    const a = draw(9);
    expect(draw(9)).toEqual(a);
    const share = (f: string) => a.filter((x) => x === f).length / a.length;
    expect(share('throttled')).toBeGreaterThan(0.07);
    expect(share('throttled')).toBeLessThan(0.13);
    expect(share('invalid-json')).toBeGreaterThan(0.03);
    expect(share('ok')).toBeGreaterThan(0.7);
  });

  it('plays the script first and obeys force', () => {
    const o = FakeQwenOptionsSchema.parse({ script: ['hang', 'fenced-json'] });
    const r = seededRandom(1);
    expect([1, 2, 3].map((n) => drawFault(o, n, r))).toEqual(['hang', 'fenced-json', 'ok']);
    expect(drawFault(FakeQwenOptionsSchema.parse({ force: '500' }), 1, r)).toBe('server-error');
  });
});
