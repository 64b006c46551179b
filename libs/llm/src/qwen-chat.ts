import { GeneratorUnavailableError } from '@storyboard/domain';
import OpenAI from 'openai';
import { parseRetryAfter, retryDelayMs } from './backoff';
import { GeneratorAuthError, GeneratorRejectedError } from './errors';
import type { LlmLogger } from './llm-logger';
import type { ChatMessage } from './prompt';
import type { QwenSettings } from './settings';
import type { Timing, TokenBucket } from './token-bucket';

export interface ChatAnswer {
  content: string;
  promptTokens: number;
  completionTokens: number;
  truncated: boolean;
  /** HTTP attempts this answer took (1 = no retry). */
  attempts: number;
}

export interface QwenChatDeps {
  bucket: TokenBucket;
  timing: Timing;
  random: () => number;
  logger: LlmLogger;
  /** For tests: replaces the global fetch the client uses. */
  fetch?: typeof fetch;
}

type Failure =
  { kind: 'retry'; why: string; retryAfterMs?: number } | { kind: 'fatal'; error: Error };

/**
 * One chat completion with this project's own retry policy (the client's retries are off so
 * the number of requests is exact): a token from the shared bucket before every attempt, a
 * timeout per attempt, exponential backoff with jitter honouring `Retry-After` on 429, 5xx,
 * timeouts and connection errors; 401/403 and other 4xx fail at once. The API key lives only
 * inside the private client and is never part of a message, log entry or error.
 */
export class QwenChat {
  readonly #client: OpenAI;
  readonly #secret: string;

  constructor(
    private readonly settings: Omit<QwenSettings, 'apiKey'>,
    apiKey: string,
    private readonly deps: QwenChatDeps,
  ) {
    this.#secret = apiKey;
    this.#client = new OpenAI({
      apiKey,
      baseURL: settings.baseURL,
      maxRetries: 0,
      // A backstop only: each attempt is cut by its own AbortSignal at timeoutMs.
      timeout: settings.timeoutMs + 5_000,
      logLevel: 'off',
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  }

  async complete(messages: readonly ChatMessage[], signal?: AbortSignal): Promise<ChatAnswer> {
    const { maxRetries } = this.settings;
    let last = '';
    for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
      await this.deps.bucket.take(signal);
      const result = await this.attempt(messages, signal);
      if ('content' in result) return { ...result, attempts: attempt };
      if (result.kind === 'fatal') throw result.error;
      last = result.why;
      if (attempt > maxRetries) break;
      const delay = retryDelayMs(
        attempt,
        {
          baseMs: this.settings.backoffBaseMs,
          maxMs: this.settings.backoffMaxMs,
          random: this.deps.random,
        },
        result.retryAfterMs,
      );
      this.deps.logger.warn('LLM call failed; retrying', { attempt, why: last, delayMs: delay });
      await this.deps.timing.sleep(delay, signal);
    }
    throw new GeneratorUnavailableError(
      `The LLM service did not answer after ${maxRetries + 1} attempts (last: ${last}); the step will be retried later.`,
    );
  }

  private async attempt(
    messages: readonly ChatMessage[],
    outer: AbortSignal | undefined,
  ): Promise<Omit<ChatAnswer, 'attempts'> | Failure> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error('timeout')), this.settings.timeoutMs);
    const signal = outer ? AbortSignal.any([outer, timeout.signal]) : timeout.signal;
    try {
      const res = await this.#client.chat.completions.create(
        {
          model: this.settings.model,
          messages: messages.map((m) => ({ role: m.role, content: m.content })),
          response_format: { type: 'json_object' },
          temperature: this.settings.temperature,
        },
        { signal },
      );
      const choice = res.choices[0];
      return {
        content: choice?.message?.content ?? '',
        promptTokens: res.usage?.prompt_tokens ?? 0,
        completionTokens: res.usage?.completion_tokens ?? 0,
        truncated: choice?.finish_reason === 'length',
      };
    } catch (err) {
      if (outer?.aborted) throw outer.reason;
      if (timeout.signal.aborted)
        return { kind: 'retry', why: `timeout after ${this.settings.timeoutMs} ms` };
      return this.classify(err);
    } finally {
      clearTimeout(timer);
    }
  }

  private classify(err: unknown): Failure {
    if (err instanceof OpenAI.APIConnectionError) {
      return { kind: 'retry', why: `connection failed (${this.redact(err.message)})` };
    }
    if (!(err instanceof OpenAI.APIError) || err.status === undefined) {
      return { kind: 'fatal', error: err instanceof Error ? err : new Error(String(err)) };
    }
    const status = err.status;
    const code = typeof err.code === 'string' ? err.code : undefined;
    if (status === 401 || status === 403)
      return { kind: 'fatal', error: new GeneratorAuthError(status) };
    if (status === 408 || status === 409 || status === 429 || status >= 500) {
      const retryAfterMs = parseRetryAfter(err.headers);
      return {
        kind: 'retry',
        why: `HTTP ${status}${code ? ` ${code}` : ''}`,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    }
    return {
      kind: 'fatal',
      error: new GeneratorRejectedError(status, code, this.redact(err.message).slice(0, 300)),
    };
  }

  /** Service messages may echo credentials (OpenAI's own 401 shows part of the key). */
  private redact(message: string): string {
    let out = message.split(this.#secret).join('[redacted]');
    out = out.replace(/\b(sk|Bearer)[-\s][\w*.-]{4,}/gi, '$1-[redacted]');
    return out;
  }

  toJSON(): Record<string, unknown> {
    return { baseURL: this.settings.baseURL, model: this.settings.model };
  }
}
