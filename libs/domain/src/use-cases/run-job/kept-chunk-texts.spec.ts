import { describe, expect, it } from 'vitest';
import { createInMemoryHarness } from '../../testing/harness';
import { ParagraphStoryboardGenerator } from '../../testing/doubles';
import type { GenerateInput } from '../../ports/storyboard-generator.port';
import { KeptChunkTexts } from './kept-chunk-texts';

/** Six one-paragraph chapters: with maxChunkChars 40, six chunks. */
const BOOK = [
  'Cast: Alice',
  ...Array.from({ length: 6 }, (_, i) => `# C${i + 1}\n\nAlice walks on, step ${i + 1}.`),
].join('\n\n');

/** Remembers the text each chunk was storyboarded from. */
class RecordingGenerator extends ParagraphStoryboardGenerator {
  readonly texts = new Map<number, string>();
  override async generate(input: GenerateInput) {
    this.texts.set(input.chunk.index, input.text);
    return super.generate(input);
  }
}

async function submitted() {
  const generator = new RecordingGenerator();
  const h = createInMemoryHarness({ backend: 'manual', maxChunkChars: 40, generator });
  const novel = await h.submitNovel.execute({
    ownerId: 'u',
    title: 'T',
    bytes: new TextEncoder().encode(BOOK),
  });
  const job = await h.requestAnalysis.execute({ ownerId: 'u', novelId: novel.id });
  const reads: string[] = [];
  const get = h.texts.get.bind(h.texts);
  h.texts.get = (key) => {
    reads.push(key);
    return get(key);
  };
  return { h, job, generator, reads };
}

/** What the store holds for each chunk of the job, decoded. */
async function storedTexts(h: Awaited<ReturnType<typeof submitted>>['h'], jobId: string) {
  const plan = await h.storyboards.getPlan(jobId);
  const texts = new Map<number, string>();
  for (const chunk of plan?.chunks ?? []) {
    const bytes = await h.texts.get(`chunks/${jobId}/${String(chunk.index).padStart(5, '0')}.txt`);
    texts.set(chunk.index, new TextDecoder().decode(bytes));
  }
  return texts;
}

describe('chunk texts handed from prepare to the same run', () => {
  it('a run storyboards each chunk from the bytes prepare wrote, reading none back', async () => {
    const { h, job, generator, reads } = await submitted();
    expect(await h.runJob.execute({ jobId: job.id })).toEqual({
      kind: 'ended',
      status: 'completed',
    });
    expect(reads.filter((key) => key.startsWith('chunks/'))).toEqual([]);
    expect(generator.texts.size).toBe(6);
    expect(generator.texts).toEqual(await storedTexts(h, job.id));
  });

  it('a run that yields drops the rest, and the next run reads them from the store', async () => {
    const { h, job, generator, reads } = await submitted();
    let budget = 1;
    const first = await h.runJob.execute({ jobId: job.id, shouldContinue: () => budget-- > 0 });
    expect(first).toMatchObject({ kind: 'yielded', chunksDone: 2 });
    expect(reads.filter((key) => key.startsWith('chunks/'))).toEqual([]);
    expect(await h.runJob.execute({ jobId: job.id })).toEqual({
      kind: 'ended',
      status: 'completed',
    });
    expect(reads.filter((key) => key.startsWith('chunks/'))).toHaveLength(4);
    expect(generator.texts).toEqual(await storedTexts(h, job.id));
  });

  it('a step-by-step caller (Step Functions tasks) reads every chunk from the store', async () => {
    const { h, job, reads } = await submitted();
    const { chunkCount } = await h.steps.prepare(job.id);
    for (let i = 0; i < chunkCount; i++) await h.steps.analyzeChunk(job.id, i);
    expect(reads.filter((key) => key.startsWith('chunks/'))).toHaveLength(chunkCount);
  });
});

describe('KeptChunkTexts', () => {
  const bytes = (n: number) => new Uint8Array(n);

  it('hands each text out once', () => {
    const kept = new KeptChunkTexts();
    kept.open('j')(0, bytes(3));
    expect(kept.take('j', 0)).toEqual(bytes(3));
    expect(kept.take('j', 0)).toBeUndefined();
    expect(kept.take('other', 0)).toBeUndefined();
  });

  it('keeps at most 16 MiB per job and two jobs', () => {
    const kept = new KeptChunkTexts();
    const keep = kept.open('a');
    keep(0, bytes(10 * 1024 * 1024));
    keep(1, bytes(10 * 1024 * 1024));
    keep(2, bytes(1024));
    expect(kept.take('a', 0)).toBeDefined();
    expect(kept.take('a', 1)).toBeUndefined();
    expect(kept.take('a', 2)).toBeDefined();
    kept.open('b')(0, bytes(1));
    kept.open('c')(0, bytes(1));
    kept.open('a')(0, bytes(1));
    expect(kept.take('b', 0)).toBeUndefined();
    expect(kept.take('c', 0)).toBeDefined();
    expect(kept.take('a', 0)).toBeDefined();
  });

  it('forgets a dropped job', () => {
    const kept = new KeptChunkTexts();
    kept.open('j')(0, bytes(1));
    kept.drop('j');
    expect(kept.take('j', 0)).toBeUndefined();
  });
});
