import { describe, expect, it } from 'vitest';
import { estimateCost, PRICES } from './pricing';
import { estimateTokens, maxChunkCharsFor } from './token-estimate';

describe('estimateTokens', () => {
  it('counts CJK one per character and other text four characters per token', () => {
    expect(estimateTokens('行者道：师父')).toBe(6);
    expect(estimateTokens('a'.repeat(400))).toBe(100);
    expect(estimateTokens('孙悟空 said hi')).toBe(3 + 2);
  });
});

describe('maxChunkCharsFor', () => {
  it('sizes Chinese chunks about a quarter of English ones for the same model', () => {
    const en = maxChunkCharsFor({ model: 'qwen-plus', language: 'en' });
    const zh = maxChunkCharsFor({ model: 'qwen-plus', language: 'zh' });
    expect(en).toBe(zh * 4);
    // qwen-plus: the 8,192-token output limit binds: 8,192 × 0.8 tokens of text.
    expect(zh).toBe(Math.floor(8_192 * 0.8));
  });

  it('grows with the output limit and shrinks with a longer answer per input token', () => {
    const turbo = maxChunkCharsFor({ model: 'qwen-turbo', language: 'zh' });
    expect(turbo).toBeGreaterThan(maxChunkCharsFor({ model: 'qwen-plus', language: 'zh' }));
    expect(maxChunkCharsFor({ model: 'qwen-turbo', language: 'zh', outputPerInputToken: 2 })).toBe(
      Math.floor(turbo / 2),
    );
  });

  it('stays within the context for an unknown model', () => {
    const chars = maxChunkCharsFor({ model: 'some-new-model', language: 'zh' });
    expect(chars).toBeGreaterThan(0);
    expect(chars).toBeLessThanOrEqual(32_768);
  });
});

describe('pricing', () => {
  it('names a source and a date for every price', () => {
    for (const p of PRICES) {
      expect(p.source).toMatch(/^https:\/\//);
      expect(p.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('prices usage per million tokens and says when the price is unverified', () => {
    const c = estimateCost('qwen-plus-2025-01-25', {
      promptTokens: 1_000_000,
      completionTokens: 1_000_000,
    });
    const p = PRICES.find((x) => x.model === 'qwen-plus');
    expect(c.usd).toBeCloseTo((p?.inputUsdPerMillion ?? 0) + (p?.outputUsdPerMillion ?? 0));
    expect(c.reliable).toBe(p?.verified);
    expect(estimateCost('gpt-x', { promptTokens: 1, completionTokens: 1 })).toMatchObject({
      usd: 0,
      reliable: false,
    });
  });
});
