export { QwenStoryboardGenerator, type QwenGeneratorDeps } from './qwen-storyboard-generator';
export { GeneratorAuthError, GeneratorRejectedError } from './errors';
export {
  QwenSettingsSchema,
  parseQwenSettings,
  QWEN_DEFAULT_MODEL,
  QWEN_INTERNATIONAL_BASE_URL,
  QWEN_MAINLAND_BASE_URL,
  type QwenSettings,
  type QwenSettingsInput,
} from './settings';
export { TokenBucket, sharedTokenBucket, realTiming, type Timing } from './token-bucket';
export { retryDelayMs, parseRetryAfter } from './backoff';
export { estimateTokens, maxChunkCharsFor, type ChunkBudget } from './token-estimate';
export { MODEL_LIMITS, modelLimits, type ModelLimits } from './models';
export { PRICES, estimateCost, type ModelPrice, type CostEstimate } from './pricing';
export {
  buildChunkMessages,
  buildRepairMessages,
  parseChunkPrompt,
  type ChatMessage,
  type ChunkPrompt,
  type PromptSection,
} from './prompt';
export { parseAnswer, stripFences, AnswerSchema, type Answer } from './answer';
export { findAnchor } from './anchors';
export { normalizeShot } from './shots';
export { mapAnswer, CastResolver } from './map-answer';
export type { GeneratorWarnings } from './warnings';
export type { LlmLogger } from './llm-logger';
