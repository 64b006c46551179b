import { describe, expect, it } from 'vitest';
import { createInMemoryHarness } from '../../testing/harness';
import { ParagraphStoryboardGenerator } from '../../testing/doubles';
import type { GenerateInput } from '../../ports/storyboard-generator.port';
import type { JobProgress } from '../../job/analysis-job';
import type { JobRepository } from '../../ports/job-repository.port';
import { ChunkProgress } from './chunk-progress';

/** Eight one-paragraph chapters of ~31 characters: with maxChunkChars 40, eight chunks. */
const BOOK = [
  'Cast: Alice',
  ...Array.from({ length: 8 }, (_, i) => `# C${i + 1}\n\nAlice walks on, step ${i + 1}.`),
].join('\n\n');

/** A generator whose calls finish when the test says, to control overlap and order. */
class GatedGenerator extends ParagraphStoryboardGenerator {
  inFlight = 0;
  maxInFlight = 0;
  started: number[] = [];
  private readonly gates = new Map<number, () => void>();

  override async generate(input: GenerateInput) {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.started.push(input.chunk.index);
    await new Promise<void>((resolve) => this.gates.set(input.chunk.index, resolve));
    this.inFlight--;
    return super.generate(input);
  }

  /** Lets chunk `index` finish once it has started. */
  async release(index: number): Promise<void> {
    while (!this.gates.has(index)) await new Promise((r) => setImmediate(r));
    this.gates.get(index)?.();
  }
}

/** Records every progress the job is stored with. */
function recordProgress(jobs: JobRepository, seen: JobProgress[]): void {
  const update = jobs.update.bind(jobs);
  jobs.update = async (next, expected) => {
    await update(next, expected);
    seen.push(next.progress);
  };
}

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

describe('RunJob with bounded concurrency', () => {
  it('analyzes at most `concurrency` chunks at once and completes with exact progress when they finish out of order', async () => {
    const generator = new GatedGenerator();
    const { h, job } = await submitted({ generator, concurrency: 3, progressIntervalMs: 0 });
    const seen: JobProgress[] = [];
    recordProgress(h.jobs, seen);
    const run = h.runJob.execute({ jobId: job.id });
    for (const index of [2, 1, 0, 5, 4, 3, 7, 6]) await generator.release(index);
    expect(await run).toEqual({ kind: 'ended', status: 'completed' });
    expect(generator.maxInFlight).toBe(3);
    expect([...generator.started].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const done = seen.map((p) => p.chunksDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    const percentages = seen.map((p) => p.percentage);
    expect(percentages).toEqual([...percentages].sort((a, b) => a - b));
    expect((await h.jobs.get(job.id))?.progress).toMatchObject({ chunksDone: 8, chunksTotal: 8 });
  });

  it('when the time budget ends, waits for the chunks under way and starts no other', async () => {
    const generator = new GatedGenerator();
    const { h, job } = await submitted({ generator, concurrency: 3 });
    let budget = true;
    const run = h.runJob.execute({ jobId: job.id, shouldContinue: () => budget });
    await generator.release(0);
    while (generator.started.length < 4) await new Promise((r) => setImmediate(r));
    budget = false;
    for (const index of [1, 2, 3]) await generator.release(index);
    expect(await run).toEqual({ kind: 'yielded', chunksDone: 4, chunksTotal: 8 });
    expect(generator.started).toEqual([0, 1, 2, 3]);
    expect(await h.storyboards.listFragmentIndexes(job.id)).toEqual([0, 1, 2, 3]);
    // the last count is saved before the run yields
    expect((await h.jobs.get(job.id))?.progress.chunksDone).toBe(4);
  });
});

describe('ChunkProgress', () => {
  it('writes at most once per interval while chunks finish, and the latest count on flush', async () => {
    let now = 0;
    const writes: number[] = [];
    const progress = new ChunkProgress(
      async (done) => {
        writes.push(done);
      },
      () => now,
      1000,
      2,
    );
    for (let i = 0; i < 10; i++) {
      now += 300;
      await progress.chunkDone();
    }
    // ten chunks in 3000 ms: a write once a full second has passed, never one per chunk
    expect(writes).toEqual([6, 10]);
    await progress.flush();
    expect(writes).toEqual([6, 10, 12]);
    await progress.flush();
    expect(writes).toEqual([6, 10, 12]);
  });
});

describe('JobSteps.analyzeChunk progress (Step Functions tasks)', () => {
  /** 100 one-paragraph chapters: with maxChunkChars 40, 100 chunks. */
  const LONG_BOOK = [
    'Cast: Alice',
    ...Array.from({ length: 100 }, (_, i) => `# C${i + 1}\n\nAlice walks on, step ${i + 1}.`),
  ].join('\n\n');

  it('counts the saved fragments on every 5th of 100 chunks, at most once per progress interval', async () => {
    // arrange: 100 chunks → every 5th chunk may count; a 1 s progress interval
    const h = createInMemoryHarness({
      backend: 'manual',
      maxChunkChars: 40,
      progressIntervalMs: 1000,
    });
    const novel = await h.submitNovel.execute({
      ownerId: 'u',
      title: 'T',
      bytes: new TextEncoder().encode(LONG_BOOK),
    });
    const job = await h.requestAnalysis.execute({ ownerId: 'u', novelId: novel.id });
    expect((await h.steps.prepare(job.id)).chunkCount).toBe(100);
    const progress = async () => (await h.jobs.get(job.id))?.progress;
    h.clock.advance(1500);

    // act + assert: chunk 0 is not a 5th; chunk 4 counts both saved fragments
    await h.steps.analyzeChunk(job.id, 0);
    expect(await progress()).toMatchObject({ stage: 'prepare', chunksDone: 0 });
    await h.steps.analyzeChunk(job.id, 4);
    expect(await progress()).toMatchObject({ stage: 'analyze-chunk', chunksDone: 2 });
    // chunk 9 right after: within the interval, no count
    await h.steps.analyzeChunk(job.id, 9);
    expect(await progress()).toMatchObject({ chunksDone: 2 });
    // chunk 14 a second later counts again
    h.clock.advance(1000);
    await h.steps.analyzeChunk(job.id, 14);
    expect(await progress()).toMatchObject({ chunksDone: 4, chunksTotal: 100 });
  });
});
