import { createHash } from 'node:crypto';
import { estimateTokens, parseChunkPrompt, type ChunkPrompt } from '@storyboard/llm';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { drawFault, seededRandom, type FakeQwenOptions } from './options';
import { RateWindow } from './rate-window';
import type { FakeQwenRequest, RequestLog } from './request-log';
import { SERVICE_ERRORS, shapeContent, type ServiceError } from './service-errors';
import { storyboardAnswer } from './storyboard-answer';

const BodySchema = z.object({
  model: z.string().min(1),
  messages: z.array(z.object({ role: z.string(), content: z.string().nullish() }).loose()).min(1),
});
type Body = z.infer<typeof BodySchema>;

export interface FakeQwenRuntime {
  options: FakeQwenOptions;
  log: RequestLog;
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Aborted when the server closes, releasing held (hung) requests. */
  closing: AbortSignal;
}

type Entry = Omit<FakeQwenRequest, 'status' | 'outcome' | 'heldMs'>;

/** The OpenAI-compatible `POST /v1/chat/completions` of the fake, as a Hono app. Order of
 * checks, as a real service: key, rate limit, request shape, then the drawn fault. */
export function fakeQwenApp(rt: FakeQwenRuntime): Hono {
  const { options: o, log } = rt;
  const random = seededRandom(o.seed);
  const jitter = seededRandom(o.seed + 1);
  const window = o.requestsPerMinute ? new RateWindow(o.requestsPerMinute, rt.now) : undefined;
  let seq = 0;
  const app = new Hono();

  app.post('/v1/chat/completions', async (c) => {
    const started = rt.now();
    const sentKey = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
    const entry: Entry = {
      ...blankEntry(++seq, c.req.path),
      auth: authOf(c.req.header('authorization'), o.apiKey),
    };
    const held = AbortSignal.any([c.req.raw.signal, rt.closing]);
    const reply = (
      status: number,
      outcome: string,
      body: unknown,
      headers?: Record<string, string>,
    ) => {
      log.add({ ...entry, status, outcome, heldMs: Math.round(rt.now() - started) });
      return c.json(body, status as ContentfulStatusCode, headers);
    };
    const fail = (kind: ServiceError, headers?: Record<string, string>) => {
      const e = SERVICE_ERRORS[kind];
      // Hostile mode: quote the key back, as some services do, to test the client's redaction.
      const echo =
        o.echoKeyInErrors && (kind === 'unauthorized' || kind === 'rejected')
          ? ` (${sentKey})`
          : '';
      const error = { message: e.message + echo, type: e.type, param: null, code: e.code };
      return reply(e.status, kind, { error, request_id: `fake-${entry.seq}` }, headers);
    };

    // Read first so the log can say which chunk every request was for, answered in the order
    // a real service checks: key, rate limit, request shape.
    const read = readPrompt(await c.req.json().catch(() => undefined));
    if (read) Object.assign(entry, describe(read.body, read.prompt));
    if (entry.auth !== 'ok' || o.force === '401') return fail('unauthorized');
    const wait = window?.admit() ?? 0;
    if (wait > 0) return fail('rate-limited', { 'Retry-After': String(Math.ceil(wait / 1000)) });
    if (!read) return fail('bad-request');

    const fault = drawFault(o, entry.seq, random);
    if (fault === 'throttled') return fail(fault, { 'Retry-After': String(o.retryAfterSeconds) });
    if (fault === 'rejected' || fault === 'server-error') return fail(fault);
    if (fault === 'unauthorized') return fail('unauthorized');
    if (fault === 'hang') {
      await rt.sleep(o.hangMs ?? 2_147_483_647, held).catch(released);
      return fail('hang');
    }
    const { content, finish } = shapeContent(fault, JSON.stringify(storyboardAnswer(read.prompt)));
    entry.completionTokens = estimateTokens(content);
    const latency =
      o.latencyMs +
      o.latencyPerOutputTokenMs * entry.completionTokens +
      (o.latencyJitterMs > 0 ? jitter() * o.latencyJitterMs : 0);
    if (latency > 0) await rt.sleep(latency, held).catch(released);
    return reply(200, fault, {
      id: `chatcmpl-fake-${entry.seq}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: read.body.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish }],
      usage: {
        prompt_tokens: entry.promptTokens,
        completion_tokens: entry.completionTokens,
        total_tokens: entry.promptTokens + entry.completionTokens,
      },
    });
  });

  app.notFound((c) => {
    const message = `fake-qwen has no route ${c.req.method} ${c.req.path}; use POST /v1/chat/completions.`;
    return c.json(
      { error: { message, type: 'invalid_request_error', param: null, code: 'not_found' } },
      404,
    );
  });
  return app;
}

/** A wait cut short because the client left or the server is closing: answer at once (the
 * answer goes nowhere, but the request log still records it). */
function released(): void {}

function blankEntry(seq: number, path: string): Entry {
  return {
    seq,
    at: new Date().toISOString(),
    path,
    auth: 'missing',
    model: undefined,
    messages: 0,
    sections: 0,
    promptTokens: 0,
    completionTokens: 0,
    chunk: undefined,
  };
}

function readPrompt(raw: unknown): { body: Body; prompt: ChunkPrompt } | undefined {
  const body = BodySchema.safeParse(raw);
  if (!body.success) return undefined;
  const first = (role: string) => body.data.messages.find((m) => m.role === role)?.content ?? '';
  const prompt = parseChunkPrompt(first('system'), first('user'));
  return prompt ? { body: body.data, prompt } : undefined;
}

function describe(body: Body, prompt: ChunkPrompt): Partial<Entry> {
  return {
    model: body.model,
    messages: body.messages.length,
    sections: prompt.sections.length,
    promptTokens: body.messages.reduce((t, m) => t + estimateTokens(m.content ?? ''), 0),
    chunk: createHash('sha256')
      .update(prompt.sections.map((section) => section.text).join('\n'))
      .digest('hex')
      .slice(0, 12),
  };
}

function authOf(header: string | undefined, expected: string): 'ok' | 'missing' | 'wrong' {
  if (!header) return 'missing';
  return header === `Bearer ${expected}` ? 'ok' : 'wrong';
}
