/** What the chunk sizing needs to know about a model. `verified` says whether the figures were
 * checked against the provider's documentation on `checkedOn`; unverified ones are
 * deliberately conservative. */
export interface ModelLimits {
  contextTokens: number;
  maxOutputTokens: number;
  source: string;
  checkedOn: string;
  verified: boolean;
}

const MODELS_PAGE = 'https://www.alibabacloud.com/help/en/model-studio/models';

export const MODEL_LIMITS: Readonly<Record<string, ModelLimits>> = {
  // Context 131,072 is stated for the qwen-plus line; its max output differs between snapshots
  // (8,192 for older ones, more for newer): 8,192 is the safe figure until checked.
  'qwen-plus': {
    contextTokens: 131_072,
    maxOutputTokens: 8_192,
    source: MODELS_PAGE,
    checkedOn: '2026-12-02',
    verified: false,
  },
  // ../shared/TOOLCHAIN.md ("Qwen on Alibaba Cloud Model Studio"), from the provider's docs.
  'qwen-turbo': {
    contextTokens: 131_072,
    maxOutputTokens: 16_384,
    source: MODELS_PAGE,
    checkedOn: '2026-11',
    verified: true,
  },
};

/** The limits for `model`, or the most conservative known ones for an unlisted model. */
export function modelLimits(model: string): ModelLimits {
  const known = MODEL_LIMITS[model] ?? MODEL_LIMITS[model.replace(/-\d{4}-\d{2}-\d{2}$/, '')];
  if (known) return known;
  return {
    contextTokens: 32_768,
    maxOutputTokens: 8_192,
    source: 'unlisted model: conservative fallback',
    checkedOn: '2026-12-02',
    verified: false,
  };
}
