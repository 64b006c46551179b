import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type {
  Fragment,
  FragmentUsage,
  GenerateInput,
  Language,
  StoryboardGenerator,
} from '@storyboard/domain';
import { readSecretApiKey } from '@storyboard/aws/secrets';
import { estimateCost, maxChunkCharsFor, QwenStoryboardGenerator } from '@storyboard/llm';
import type { LlmLogger } from '@storyboard/llm';
import type { AppConfig } from '../config/config';

export interface QwenWiring {
  logger?: LlmLogger;
  /** The Secrets Manager client for `QWEN_SECRET_ARN` (made only when that path is used). */
  secrets: () => SecretsManagerClient;
}

/**
 * `GENERATOR=qwen`: the Qwen generator over the `LLM_*` settings. With `QWEN_API_KEY` it is
 * built at once; with `QWEN_SECRET_ARN` the key is read from Secrets Manager on the first
 * chunk (once per process: a Lambda cold start) and the generator built then, so composing
 * the app stays synchronous and a process that never storyboards never reads the secret.
 */
export function createQwenGenerator(config: AppConfig, wiring: QwenWiring): StoryboardGenerator {
  const build = (apiKey: string) =>
    new QwenStoryboardGenerator(
      {
        apiKey,
        baseURL: config.LLM_BASE_URL,
        model: config.LLM_MODEL,
        timeoutMs: config.LLM_TIMEOUT_MS,
        maxRetries: config.LLM_MAX_RETRIES,
        requestsPerMinute: config.LLM_REQUESTS_PER_MINUTE,
      },
      wiring.logger ? { logger: wiring.logger } : {},
    );
  if (config.QWEN_API_KEY) return build(config.QWEN_API_KEY);
  const arn = config.QWEN_SECRET_ARN;
  if (!arn) throw new Error('GENERATOR=qwen needs QWEN_API_KEY or QWEN_SECRET_ARN.');
  return new SecretKeyedGenerator(config.LLM_MODEL, () =>
    readSecretApiKey(wiring.secrets(), arn).then(build),
  );
}

/** A Qwen generator whose key is read (once) before its first chunk. */
class SecretKeyedGenerator implements StoryboardGenerator {
  readonly name = 'qwen';
  #generator: Promise<StoryboardGenerator> | undefined;

  constructor(
    private readonly model: string,
    private readonly load: () => Promise<StoryboardGenerator>,
  ) {}

  maxChunkChars(language: Language): number {
    return maxChunkCharsFor({ model: this.model, language });
  }

  estimateCostUsd(usage: FragmentUsage): number | undefined {
    const cost = estimateCost(this.model, usage);
    return cost.source === undefined ? undefined : Math.round(cost.usd * 1e6) / 1e6;
  }

  async generate(input: GenerateInput, signal?: AbortSignal): Promise<Fragment> {
    this.#generator ??= this.load();
    const loading = this.#generator;
    // A failed read is tried again by the next chunk (readSecretApiKey does not cache it).
    loading.catch(() => {
      if (this.#generator === loading) this.#generator = undefined;
    });
    return (await loading).generate(input, signal);
  }
}
