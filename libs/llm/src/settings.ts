import * as z from 'zod';

/** Model Studio's OpenAI-compatible endpoint, international (Singapore) region. */
export const QWEN_INTERNATIONAL_BASE_URL = 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1';
/** The same endpoint in mainland China (Beijing); a key from one region fails in the other. */
export const QWEN_MAINLAND_BASE_URL = 'https://dashscope.aliyuncs.com/compatible-mode/v1';
export const QWEN_DEFAULT_MODEL = 'qwen-plus';

/** The Qwen generator's settings: what phase-2 wiring maps the `LLM_*` variables onto. */
export const QwenSettingsSchema = z.object({
  apiKey: z.string().min(1, 'an API key is required (QWEN_API_KEY or QWEN_SECRET_ARN)'),
  baseURL: z.url().default(QWEN_INTERNATIONAL_BASE_URL),
  model: z.string().min(1).default(QWEN_DEFAULT_MODEL),
  /** One HTTP attempt may take this long before it is abandoned and counted as a timeout. */
  timeoutMs: z.number().int().min(100).max(600_000).default(120_000),
  /** Retries after the first attempt, for 429, 5xx, timeouts and connection errors. */
  maxRetries: z.number().int().min(0).max(10).default(4),
  /** Requests per minute across every call of this process (token bucket). */
  requestsPerMinute: z.number().int().min(1).max(100_000).default(60),
  /** Requests the bucket lets through at once; default: one second's worth. */
  burst: z.number().int().min(1).optional(),
  /** First backoff step and the cap on any one wait. */
  backoffBaseMs: z.number().int().min(1).default(1_000),
  backoffMaxMs: z.number().int().min(1).default(60_000),
  /** Sampling temperature: low, for a storyboard that follows the text. */
  temperature: z.number().min(0).max(2).default(0.2),
});
export type QwenSettingsInput = z.input<typeof QwenSettingsSchema>;
export type QwenSettings = z.output<typeof QwenSettingsSchema>;

/** Validates settings; the message names the field and never repeats the key. */
export function parseQwenSettings(input: QwenSettingsInput): QwenSettings {
  const parsed = QwenSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`);
  throw new TypeError(`Invalid Qwen generator settings: ${issues.join('; ')}`);
}
