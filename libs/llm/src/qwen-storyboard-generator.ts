import { MentionMatcher } from '@storyboard/analysis';
import type {
  CastMember,
  Fragment,
  FragmentUsage,
  GenerateInput,
  Language,
  StoryboardGenerator,
} from '@storyboard/domain';
import { GeneratorOutputError } from '@storyboard/domain';
import { parseAnswer } from './answer';
import { silentLogger, type LlmLogger } from './llm-logger';
import { mapAnswer } from './map-answer';
import { buildChunkMessages, buildRepairMessages } from './prompt';
import { QwenChat } from './qwen-chat';
import { parseQwenSettings, type QwenSettingsInput } from './settings';
import { realTiming, sharedTokenBucket, type Timing, type TokenBucket } from './token-bucket';
import { maxChunkCharsFor } from './token-estimate';
import { estimateCost } from './pricing';
import { addWarnings, noWarnings, type GeneratorWarnings } from './warnings';

export interface QwenGeneratorDeps {
  /** The request budget; default: the process-wide bucket for the configured rate. */
  bucket?: TokenBucket;
  /** Clock and sleep for backoff (the bucket has its own). */
  timing?: Timing;
  /** Jitter source in [0, 1). */
  random?: () => number;
  logger?: LlmLogger;
  fetch?: typeof fetch;
}

/**
 * The StoryboardGenerator backed by Qwen on Alibaba Cloud Model Studio (or any
 * OpenAI-compatible chat-completions service). One call per chunk asks for the storyboard as
 * JSON; the answer is repaired, checked, asked for once more if still invalid, then mapped
 * onto the chunk: spans from verbatim anchors, characters from the cast. The fragment carries
 * the tokens spent (`usage`).
 */
export class QwenStoryboardGenerator implements StoryboardGenerator {
  readonly name = 'qwen';
  readonly model: string;
  readonly #chat: QwenChat;
  /** Answers after an invalid one (a re-ask, then fresh asks): LLM_MAX_RETRIES, at least 1. */
  readonly #invalidRetries: number;
  readonly #logger: LlmLogger;
  readonly #warnings = noWarnings();
  #matcher:
    { cast: readonly CastMember[]; language: Language; matcher: MentionMatcher } | undefined;

  /** What fits the model's context and output (token estimate: CJK ≈ 1 token per character,
   * other text ≈ 4 characters per token). */
  maxChunkChars(language: Language): number {
    return maxChunkCharsFor({ model: this.model, language });
  }

  /** USD by the price table (an estimate: entries say whether they were verified), or
   * undefined for a model the table does not list. */
  estimateCostUsd(usage: FragmentUsage): number | undefined {
    const cost = estimateCost(this.model, usage);
    return cost.source === undefined ? undefined : Math.round(cost.usd * 1e6) / 1e6;
  }

  constructor(settings: QwenSettingsInput, deps: QwenGeneratorDeps = {}) {
    const { apiKey, ...rest } = parseQwenSettings(settings);
    this.model = rest.model;
    this.#invalidRetries = Math.max(1, rest.maxRetries);
    this.#logger = deps.logger ?? silentLogger;
    this.#chat = new QwenChat(rest, apiKey, {
      bucket: deps.bucket ?? sharedTokenBucket(rest.requestsPerMinute, rest.burst),
      timing: deps.timing ?? realTiming,
      random: deps.random ?? Math.random,
      logger: this.#logger,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  }

  /** Everything fixed or dropped so far instead of failing (a copy). */
  get warnings(): GeneratorWarnings {
    return { ...this.#warnings };
  }

  async generate(input: GenerateInput, signal?: AbortSignal): Promise<Fragment> {
    signal?.throwIfAborted();
    const sectionCount = input.chunk.sections.length;
    const messages = buildChunkMessages(input);
    const usage: FragmentUsage = { promptTokens: 0, completionTokens: 0 };
    const local = noWarnings();

    let answer = await this.#chat.complete(messages, signal);
    add(usage, answer);
    if (answer.truncated) local.truncatedAnswers++;
    let parsed = parseAnswer(answer.content, sectionCount);
    // An invalid answer is retried like a transient failure: first a re-ask quoting what was
    // wrong, then (a garbled or cut-off answer is usually chance) fresh asks of the prompt.
    for (let retry = 1; !parsed.ok && retry <= this.#invalidRetries; retry++) {
      local.reasks++;
      this.#logger.warn(
        retry === 1 ? 'LLM answer invalid; re-asking' : 'LLM answer invalid; asking afresh',
        {
          chunk: input.chunk.index,
          errors: parsed.errors.length,
        },
      );
      const next =
        retry === 1
          ? buildRepairMessages(messages, answer.content, parsed.errors, input.language)
          : messages;
      answer = await this.#chat.complete(next, signal);
      add(usage, answer);
      if (answer.truncated) local.truncatedAnswers++;
      parsed = parseAnswer(answer.content, sectionCount);
    }
    if (!parsed.ok) {
      addWarnings(this.#warnings, local);
      throw new GeneratorOutputError(
        `The LLM's storyboard for chunk ${input.chunk.index} is invalid after ${this.#invalidRetries + 1} answers (a re-ask quoting the errors, then fresh asks): ${parsed.errors.slice(0, 3).join('; ')}.`,
      );
    }
    const mapped = mapAnswer(parsed.answer, input);
    addWarnings(local, mapped.warnings);
    addWarnings(this.#warnings, local);
    const noted = Object.entries(local).filter(([, n]) => n > 0);
    if (noted.length) {
      this.#logger.warn('LLM answer adjusted', {
        chunk: input.chunk.index,
        ...Object.fromEntries(noted),
      });
    }
    return {
      chunkIndex: input.chunk.index,
      sections: mapped.sections,
      mentions: this.mentions(input),
      generator: `${this.name}:${this.model}`,
      usage,
    };
  }

  /** Mentions counted in the text the same way the heuristic counts them, so the character
   * roster does not depend on which generator ran. */
  private mentions(input: GenerateInput): Record<string, number> {
    const m = this.#matcher;
    const matcher =
      m && m.cast === input.cast && m.language === input.language
        ? m.matcher
        : new MentionMatcher(input.cast, input.language);
    this.#matcher = { cast: input.cast, language: input.language, matcher };
    const counts = matcher.count(input.text);
    const out: Record<string, number> = {};
    for (const id of [...counts.keys()].sort()) out[id] = counts.get(id) as number;
    return out;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, model: this.model, chat: this.#chat.toJSON() };
  }
}

function add(usage: FragmentUsage, answer: { promptTokens: number; completionTokens: number }) {
  usage.promptTokens += answer.promptTokens;
  usage.completionTokens += answer.completionTokens;
}
