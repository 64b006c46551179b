import type { FragmentUsage } from '../storyboard/chunk-plan.schema';
import type { Usage } from '../storyboard/storyboard.schema';

/** What a generator's price table says `usage` costs in USD (undefined: price unknown). */
export type PriceUsage = (usage: FragmentUsage) => number | undefined;

/** `a + b` in tokens (undefined when neither reports any), priced by `price` when given and
 * known; an earlier estimate is never carried over, the sum is priced afresh. */
export function addUsage(
  a: FragmentUsage | undefined,
  b: FragmentUsage | undefined,
  price?: PriceUsage,
): Usage | undefined {
  if (!a && !b) return undefined;
  const tokens: FragmentUsage = {
    promptTokens: (a?.promptTokens ?? 0) + (b?.promptTokens ?? 0),
    completionTokens: (a?.completionTokens ?? 0) + (b?.completionTokens ?? 0),
  };
  return priceUsage(tokens, price);
}

/** `tokens` with the estimated cost when `price` knows it. */
export function priceUsage(tokens: FragmentUsage, price?: PriceUsage): Usage {
  const plain = { promptTokens: tokens.promptTokens, completionTokens: tokens.completionTokens };
  const cost = price?.(plain);
  return cost === undefined ? plain : { ...plain, estimatedCostUsd: cost };
}

/** Whether two usages say the same. */
export function sameUsage(a: Usage | undefined, b: Usage | undefined): boolean {
  return (
    a === b ||
    (a !== undefined &&
      b !== undefined &&
      a.promptTokens === b.promptTokens &&
      a.completionTokens === b.completionTokens &&
      a.estimatedCostUsd === b.estimatedCostUsd)
  );
}
