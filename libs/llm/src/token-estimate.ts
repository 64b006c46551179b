import type { Language } from '@storyboard/domain';
import { modelLimits } from './models';

// Han, kana, Hangul, CJK punctuation and full-width forms: about one token each for Qwen's
// tokenizer; everything else (Latin text) about four characters per token.
const CJK =
  /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/gu;

/** A rough token count: CJK ≈ 1 token per character, other text ≈ 4 characters per token. */
export function estimateTokens(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

export interface ChunkBudget {
  model: string;
  language: Language;
  /** Tokens of instructions, cast and chapter list around the chunk text (default 2,000). */
  promptOverheadTokens?: number;
  /** Expected answer tokens per chunk-text token: the storyboard JSON is roughly as long as the
   * text it describes (default 1.0). */
  outputPerInputToken?: number;
  /** Fraction of the model's limits to plan for, leaving room for estimation error (0.8). */
  safety?: number;
}

/**
 * The largest chunk, in characters, whose prompt fits the model's context and whose expected
 * answer fits its output limit. Chunks stay chapter-aligned: this only sets `maxChunkChars`
 * for `planChunks`. Usually the output limit binds, not the context.
 */
export function maxChunkCharsFor(budget: ChunkBudget): number {
  const limits = modelLimits(budget.model);
  const overhead = budget.promptOverheadTokens ?? 2_000;
  const ratio = budget.outputPerInputToken ?? 1.0;
  const safety = budget.safety ?? 0.8;
  const byOutput = (limits.maxOutputTokens * safety) / ratio;
  const byContext = (limits.contextTokens * safety - overhead) / (1 + ratio);
  const tokens = Math.max(256, Math.floor(Math.min(byOutput, byContext)));
  const charsPerToken = budget.language === 'zh' ? 1 : 4;
  return tokens * charsPerToken;
}
