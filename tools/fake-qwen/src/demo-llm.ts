import { randomBytes } from 'node:crypto';
import { startFakeQwen } from './start-fake-qwen';

/** fake-qwen's latency per call in demo mode: slow enough to watch progress move. */
export const FAKE_LLM_LATENCY_MS = 400;

export interface DemoLlm {
  /** The settings that point `GENERATOR=qwen` at the fake (a fresh random key). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * `--fake-llm`: starts fake-qwen in this process on a random 127.0.0.1 port, so a newcomer
 * sees an LLM-bound job (one call per chunk, live progress, token usage) without an account.
 */
export async function startDemoLlm(latencyMs: number = FAKE_LLM_LATENCY_MS): Promise<DemoLlm> {
  const apiKey = `fake-${randomBytes(12).toString('hex')}`;
  const fake = await startFakeQwen({ apiKey, latencyMs });
  return {
    env: { GENERATOR: 'qwen', LLM_BASE_URL: fake.url, QWEN_API_KEY: apiKey },
    close: () => fake.close(),
  };
}
