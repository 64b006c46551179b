import { startFakeQwen } from '@storyboard/fake-qwen';
import type { FakeQwen } from '@storyboard/fake-qwen';
import { QWEN_DEFAULT_MODEL } from '@storyboard/llm';

export interface LlmWorkloadOptions {
  /** Each answer takes a uniform minMs..maxMs (Model Studio's latency, modelled). */
  minMs: number;
  maxMs: number;
  /** Share of calls answered 500 (the generator retries them, LLM_MAX_RETRIES). */
  errorRate: number;
}

export interface TokenCount {
  model: string;
  promptTokens: number;
  completionTokens: number;
  calls: number;
}

/**
 * The LLM-bound workload: fake-qwen in this process on 127.0.0.1, and the env that points
 * every function's Qwen generator at it. Tokens are counted from the answers it gave (what
 * Model Studio would bill: successful calls only).
 */
export class LlmWorkload {
  private constructor(private readonly fake: FakeQwen) {}

  static async start(o: LlmWorkloadOptions): Promise<LlmWorkload> {
    return new LlmWorkload(
      await startFakeQwen({
        latencyMs: o.minMs,
        latencyJitterMs: Math.max(0, o.maxMs - o.minMs),
        rate500: o.errorRate,
      }),
    );
  }

  /** The functions' settings for `GENERATOR=qwen` against the fake. */
  env(): Record<string, string> {
    return {
      GENERATOR: 'qwen',
      LLM_BASE_URL: this.fake.url,
      QWEN_API_KEY: this.fake.options.apiKey,
      LLM_MODEL: QWEN_DEFAULT_MODEL,
      // The bench measures the backends, not a client-side rate limit.
      LLM_REQUESTS_PER_MINUTE: '100000',
    };
  }

  /** Tokens billed so far (successful answers). */
  tokens(): TokenCount {
    const ok = this.fake.requests.filter((r) => r.status === 200);
    return {
      model: QWEN_DEFAULT_MODEL,
      promptTokens: ok.reduce((n, r) => n + r.promptTokens, 0),
      completionTokens: ok.reduce((n, r) => n + r.completionTokens, 0),
      calls: ok.length,
    };
  }

  close(): Promise<void> {
    return this.fake.close();
  }
}
