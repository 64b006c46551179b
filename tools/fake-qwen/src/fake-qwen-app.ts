import { estimateTokens, parseChunkPrompt } from '@storyboard/llm';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { drawFault, seededRandom, type FakeQwenOptions } from './options';
import { RateWindow } from './rate-window';
import type { RequestLog } from './request-log';
import { storyboardAnswer } from './storyboard-answer';

const BodySchema = z.object({
  model: z.string().min(1),
  messages: z.array(z.object({ role: z.string(), content: z.string().nullish() }).loose()).min(1),
});

export interface FakeQwenRuntime {
  options: FakeQwenOptions;
  log: RequestLog;
  now: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Aborted when the server closes, releasing held (hung) requests. */
  closing: AbortSignal;
}

/** The OpenAI-compatible `POST /v1/chat/completions` of the fake, as a Hono app. */
export function fakeQwenApp(rt: FakeQwenRuntime): Hono {
  const { options: o, log } = rt;
  const random = seededRandom(o.seed);
  const window = o.requestsPerMinute ? new RateWindow(o.requestsPerMinute, rt.now) : undefined;
  let seq = 0;
  const app = new Hono();

  app.post('/v1/chat/completions', async (c) => {
    const n = ++seq;
    const started = rt.now();
    const entry = {
      seq: n,
      at: new Date().toISOString(),
      path: c.req.path,
      auth: authOf(c.req.header('authorization'), o.apiKey),
      model: undefined as string | undefined,
      messages: 0,
      sections: 0,
      promptTokens: 0,
      completionTokens: 0,
    };
    const reply = (
      status: number,
      outcome: string,
      body: unknown,
      headers: Record<string, string> = {},
    ) => {
      log.add({ ...entry, status, outcome, heldMs: Math.round(rt.now() - started) });
      return c.json(body, status as ContentfulStatusCode, headers);
    };
    const error = (
      status: number,
      outcome: string,
      code: string,
      type: string,
      message: string,
      headers?: Record<string, string>,
    ) =>
      reply(
        status,
        outcome,
        { error: { message, type, param: null, code }, request_id: `fake-${n}` },
        headers,
      );

    if (entry.auth !== 'ok' || o.force === '401') {
      const sent = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? '';
      const echo = o.echoKeyInErrors ? `: ${sent}` : '.';
      return error(
        401,
        'unauthorized',
        'invalid_api_key',
        'invalid_request_error',
        `Incorrect API key provided${echo}`,
      );
    }
    const wait = window?.admit() ?? 0;
    if (wait > 0) {
      return error(
        429,
        'rate-limited',
        'Throttling.RateQuota',
        'limit_requests',
        'Requests rate limit exceeded, please try again later.',
        { 'Retry-After': String(Math.ceil(wait / 1000)) },
      );
    }
    const body = BodySchema.safeParse(await c.req.json().catch(() => undefined));
    const system = body.success
      ? (body.data.messages.find((m) => m.role === 'system')?.content ?? '')
      : '';
    const user = body.success
      ? (body.data.messages.find((m) => m.role === 'user')?.content ?? '')
      : '';
    const prompt = body.success ? parseChunkPrompt(system, user) : undefined;
    if (!body.success || !prompt) {
      return error(
        400,
        'bad-request',
        'invalid_parameter_error',
        'invalid_request_error',
        'fake-qwen answers only storyboard prompts from @storyboard/llm (a JSON body with model and messages).',
      );
    }
    entry.model = body.data.model;
    entry.messages = body.data.messages.length;
    entry.sections = prompt.sections.length;
    entry.promptTokens = body.data.messages.reduce(
      (t, m) => t + estimateTokens(m.content ?? ''),
      0,
    );

    const fault = drawFault(o, n, random);
    if (fault === 'throttled') {
      return error(
        429,
        fault,
        'Throttling',
        'limit_requests',
        'Request rate increased too quickly.',
        { 'Retry-After': String(o.retryAfterSeconds) },
      );
    }
    if (fault === 'rejected') {
      const sent = c.req.header('authorization') ?? '';
      return error(
        400,
        fault,
        'data_inspection_failed',
        'data_inspection_failed',
        `Input data may contain inappropriate content.${o.echoKeyInErrors ? ` (${sent})` : ''}`,
      );
    }
    if (fault === 'server-error') {
      return error(
        500,
        fault,
        'InternalError',
        'internal_error',
        'An internal error has occured, please try again later.',
      );
    }
    if (fault === 'hang') {
      const held = AbortSignal.any([c.req.raw.signal, rt.closing]);
      await rt.sleep(o.hangMs ?? 2_147_483_647, held).catch(() => undefined);
      return error(504, fault, 'RequestTimeOut', 'internal_error', 'Request timed out.');
    }
    const json = JSON.stringify(storyboardAnswer(prompt));
    let content = json;
    let finish = 'stop';
    if (fault === 'invalid-json')
      content = `Here is the storyboard you asked for. ${json.slice(2, 200).replace(/[{}[\]"]/g, ' ')}`;
    if (fault === 'truncated-json') {
      content = json.slice(0, Math.floor(json.length * 0.6));
      finish = 'length';
    }
    if (fault === 'fenced-json') content = `\`\`\`json\n${json}\n\`\`\``;
    entry.completionTokens = estimateTokens(content);
    const latency = o.latencyMs + o.latencyPerOutputTokenMs * entry.completionTokens;
    if (latency > 0)
      await rt
        .sleep(latency, AbortSignal.any([c.req.raw.signal, rt.closing]))
        .catch(() => undefined);
    return reply(200, fault, {
      id: `chatcmpl-fake-${n}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.data.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finish }],
      usage: {
        prompt_tokens: entry.promptTokens,
        completion_tokens: entry.completionTokens,
        total_tokens: entry.promptTokens + entry.completionTokens,
      },
    });
  });

  app.notFound((c) =>
    c.json(
      {
        error: {
          message: `fake-qwen has no route ${c.req.method} ${c.req.path}; use POST /v1/chat/completions.`,
          type: 'invalid_request_error',
          param: null,
          code: 'not_found',
        },
      },
      404,
    ),
  );
  return app;
}

function authOf(header: string | undefined, expected: string): 'ok' | 'missing' | 'wrong' {
  if (!header) return 'missing';
  return header === `Bearer ${expected}` ? 'ok' : 'wrong';
}
