import { describe, expect, it } from 'vitest';
import { createInMemoryHarness } from '../../testing/harness';
import { ParagraphStoryboardGenerator } from '../../testing/doubles';
import type { GenerateInput } from '../../ports/storyboard-generator.port';
import type { FragmentUsage } from '../../storyboard/chunk-plan.schema';
import type { Usage } from '../../storyboard/storyboard.schema';
import { StoryboardSchema } from '../../storyboard/storyboard.schema';

/** Six one-paragraph chapters: with maxChunkChars 40, six chunks. */
const BOOK = [
  'Cast: Alice',
  ...Array.from({ length: 6 }, (_, i) => `# C${i + 1}\n\nAlice walks on, step ${i + 1}.`),
].join('\n\n');

/** Reports (100 + index) prompt and (10 + index) completion tokens per chunk, like an LLM
 * generator, and prices a token at 1 µUSD; nothing else. */
class SpendingGenerator extends ParagraphStoryboardGenerator {
  override async generate(input: GenerateInput) {
    const fragment = await super.generate(input);
    const i = input.chunk.index;
    return { ...fragment, usage: { promptTokens: 100 + i, completionTokens: 10 + i } };
  }
  estimateCostUsd(usage: FragmentUsage): number {
    return (usage.promptTokens + usage.completionTokens) / 1e6;
  }
}

const expected = (chunks: number): Usage => {
  let promptTokens = 0;
  let completionTokens = 0;
  for (let i = 0; i < chunks; i++) {
    promptTokens += 100 + i;
    completionTokens += 10 + i;
  }
  return {
    promptTokens,
    completionTokens,
    estimatedCostUsd: (promptTokens + completionTokens) / 1e6,
  };
};

async function submitted(options: Parameters<typeof createInMemoryHarness>[0]) {
  const h = createInMemoryHarness({ backend: 'manual', maxChunkChars: 40, ...options });
  const novel = await h.submitNovel.execute({
    ownerId: 'u',
    title: 'T',
    bytes: new TextEncoder().encode(BOOK),
  });
  const job = await h.requestAnalysis.execute({ ownerId: 'u', novelId: novel.id });
  return { h, job };
}

describe('token usage of an LLM generator', () => {
  it('is summed into the job live (coalesced progress) and into the storyboard stats, priced', async () => {
    const { h, job } = await submitted({
      generator: new SpendingGenerator(),
      concurrency: 3,
      progressIntervalMs: 60_000,
    });
    const seen: (Usage | undefined)[] = [];
    const update = h.jobs.update.bind(h.jobs);
    h.jobs.update = async (next, expectedVersion) => {
      await update(next, expectedVersion);
      seen.push(next.usage);
    };
    await h.runJob.execute({ jobId: job.id });
    const done = await h.jobs.get(job.id);
    expect(done?.status).toBe('completed');
    expect(done?.progress.chunksTotal).toBe(6);
    expect(done?.usage).toEqual(expected(6));
    // The live sum before assemble already held every chunk (flushed by the pass).
    const live = seen.filter((u) => u !== undefined);
    expect(live.length).toBeGreaterThan(0);
    expect(live.map((u) => u.promptTokens)).toEqual(
      [...live.map((u) => u.promptTokens)].sort((a, b) => a - b),
    );
    const page = await h.getStoryboard.execute({ ownerId: 'u', jobId: job.id });
    const storyboard = StoryboardSchema.parse(page.storyboard);
    expect(storyboard.stats.usage).toEqual(expected(6));
  });

  it('is added by each chunk step run alone (the Step Functions path) and set exactly at assemble', async () => {
    const { h, job } = await submitted({
      generator: new SpendingGenerator(),
      progressIntervalMs: 60_000,
    });
    const { chunkCount } = await h.steps.prepare(job.id);
    expect(chunkCount).toBe(6);
    for (let i = 0; i < chunkCount; i++) await h.steps.analyzeChunk(job.id, i);
    // Every chunk's tokens are in the job although the progress interval never elapsed.
    const { estimatedCostUsd: _cost, ...tokens } = expected(6);
    expect((await h.jobs.get(job.id))?.usage).toMatchObject(tokens);
    // A chunk step run twice does not generate (nor count) again.
    await h.steps.analyzeChunk(job.id, 0);
    expect((await h.jobs.get(job.id))?.usage?.promptTokens).toBe(tokens.promptTokens);
    await h.steps.assemble(job.id);
    expect((await h.jobs.get(job.id))?.usage).toEqual(expected(6));
  });

  it('is absent for a generator that reports none', async () => {
    const { h, job } = await submitted({ concurrency: 2 });
    await h.runJob.execute({ jobId: job.id });
    const done = await h.jobs.get(job.id);
    expect(done?.status).toBe('completed');
    expect(done?.usage).toBeUndefined();
    const { storyboard } = await h.getStoryboard.execute({ ownerId: 'u', jobId: job.id });
    expect(storyboard.stats.usage).toBeUndefined();
  });

  it('cuts chunks at the generator’s own limit when it is smaller than the configured one', async () => {
    class Capped extends SpendingGenerator {
      maxChunkChars(): number {
        return 20;
      }
    }
    const small = await submitted({ generator: new Capped(), maxChunkChars: 200 });
    const large = await submitted({ generator: new SpendingGenerator(), maxChunkChars: 200 });
    const capped = (await small.h.steps.prepare(small.job.id)).chunkCount;
    const uncapped = (await large.h.steps.prepare(large.job.id)).chunkCount;
    expect(capped).toBeGreaterThan(uncapped);
    const plan = await small.h.steps.requirePlan(small.job.id);
    for (const chunk of plan.chunks) {
      // A chapter longer than the cap is cut at paragraph bounds where it can be; each chunk
      // here is one chapter heading + one short paragraph, so none exceeds ~40 characters.
      expect(chunk.span.end - chunk.span.start).toBeLessThanOrEqual(40);
    }
  });
});
