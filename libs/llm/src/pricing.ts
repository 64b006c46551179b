import type { FragmentUsage } from '@storyboard/domain';

/** One model's list price in US dollars per million tokens, with where and when it was read.
 * `verified: false` means the figure could not be checked against the page on `checkedOn`
 * (this machine cannot reach it): treat the estimate as indicative and check the page. */
export interface ModelPrice {
  model: string;
  region: 'international (Singapore)';
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
  /** Applies to prompts up to this many tokens (Model Studio prices some models by tier). */
  tierMaxInputTokens: number;
  source: string;
  checkedOn: string;
  verified: boolean;
  note: string;
}

const PRICING_PAGE = 'https://www.alibabacloud.com/help/en/model-studio/model-pricing';

export const PRICES: readonly ModelPrice[] = [
  {
    model: 'qwen-plus',
    region: 'international (Singapore)',
    inputUsdPerMillion: 0.4,
    outputUsdPerMillion: 1.2,
    tierMaxInputTokens: 256_000,
    source: PRICING_PAGE,
    checkedOn: '2026-12-02',
    verified: false,
    note: 'Non-thinking mode, first input tier, as last recalled from the page; NOT re-checked on 2026-12-02 (no access from this machine). Thinking-mode output costs more.',
  },
  {
    model: 'qwen-turbo',
    region: 'international (Singapore)',
    inputUsdPerMillion: 0.05,
    outputUsdPerMillion: 0.2,
    tierMaxInputTokens: 1_000_000,
    source: PRICING_PAGE,
    checkedOn: '2026-12-02',
    verified: false,
    note: 'Non-thinking mode, as last recalled from the page; NOT re-checked on 2026-12-02 (no access from this machine).',
  },
];

export interface CostEstimate {
  usd: number;
  model: string;
  /** False when the price entry is unverified or the model has no entry (usd is then 0). */
  reliable: boolean;
  source: string | undefined;
}

/** The list-price cost of `usage` on `model` (dated snapshots priced as their base model). */
export function estimateCost(model: string, usage: FragmentUsage): CostEstimate {
  const base = model.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  const price = PRICES.find((p) => p.model === model || p.model === base);
  if (!price) return { usd: 0, model, reliable: false, source: undefined };
  const usd =
    (usage.promptTokens * price.inputUsdPerMillion +
      usage.completionTokens * price.outputUsdPerMillion) /
    1_000_000;
  return { usd, model, reliable: price.verified, source: price.source };
}
