import { describe, expect, it } from 'vitest';
import { createInMemoryHarness } from '../../testing/harness';
import { FaultInjectingGenerator, ParagraphStoryboardGenerator } from '../../testing/doubles';
import { GeneratorOutputError, IllegalTransitionError, JobEndedError } from '../../errors';
import type { Fragment } from '../../storyboard/chunk-plan.schema';

/** Four chapters of ~120 characters: with maxChunkChars 200 that is 4 chunks, one each,
 * and a long fifth chapter cut into two parts. */
const BOOK = [
  'Cast: Alice, Rabbit',
  '# One',
  'Alice sat by the river. The Rabbit ran past her with a watch in his paw.',
  'Alice followed.',
  '# Two',
  'Down the hole Alice fell, slowly, past shelves and maps and jars of marmalade.',
  '# Three',
  'The Rabbit hurried along a corridor. Alice chased him to a row of doors.',
  '# Four',
  'A tiny golden key lay on a glass table. Alice tried it in every door.',
  '# Five',
  ...Array.from(
    { length: 6 },
    (_, i) => `Paragraph ${i}: Alice grew and shrank and cried a pool of tears.`,
  ),
].join('\n\n');

async function submitted(options: Parameters<typeof createInMemoryHarness>[0] = {}) {
  const h = createInMemoryHarness({ backend: 'manual', ...options });
  const novel = await h.submitNovel.execute({
    ownerId: 'user-a',
    title: 'Alice',
    bytes: new TextEncoder().encode(BOOK),
  });
  const job = await h.requestAnalysis.execute({ ownerId: 'user-a', novelId: novel.id });
  return { h, novel, job };
}

describe('RunJob', () => {
  it('runs every step and completes with one storyboard covering every chapter', async () => {
    const { h, job } = await submitted();
    const outcome = await h.runJob.execute({ jobId: job.id });
    expect(outcome).toEqual({ kind: 'ended', status: 'completed' });
    const done = await h.getJob.execute({ ownerId: 'user-a', jobId: job.id });
    expect(done.progress).toMatchObject({ percentage: 100, stage: 'complete' });
    expect(done.progress.chunksDone).toBe(done.progress.chunksTotal);
    const { storyboard } = await h.getStoryboard.execute({ ownerId: 'user-a', jobId: job.id });
    expect(storyboard.chapters.map((c) => c.title)).toEqual([
      'One',
      'Two',
      'Three',
      'Four',
      'Five',
    ]);
    expect(storyboard.characters.map((c) => c.name)).toEqual(['Alice', 'Rabbit']);
    // chapter Five spans two chunks: its scenes are joined and renumbered
    const five = storyboard.chapters[4];
    expect(five?.scenes.map((s) => s.index)).toEqual([1, 2]);
  });

  it('re-running a finished step changes nothing (idempotent)', async () => {
    const { h, job } = await submitted({
      generator: new FaultInjectingGenerator(new ParagraphStoryboardGenerator()),
    });
    await h.steps.prepare(job.id);
    const plan = await h.storyboards.getPlan(job.id);
    await h.steps.analyzeChunk(job.id, 0);
    const fragment = await h.storyboards.getFragment(job.id, 0);
    const calls = (h.generator as FaultInjectingGenerator).calls.length;

    await h.steps.prepare(job.id);
    await h.steps.analyzeChunk(job.id, 0);

    expect(await h.storyboards.getPlan(job.id)).toEqual(plan);
    expect(await h.storyboards.getFragment(job.id, 0)).toEqual(fragment);
    expect((h.generator as FaultInjectingGenerator).calls).toHaveLength(calls);
  });

  it('completing twice is a no-op the second time', async () => {
    const { h, job } = await submitted();
    await h.runJob.execute({ jobId: job.id });
    const first = await h.jobs.get(job.id);
    await h.steps.complete(job.id);
    expect(await h.jobs.get(job.id)).toEqual(first);
  });

  it('complete checks the storyboard by its header alone, reading no chapter', async () => {
    const { h, job } = await submitted();
    const { chunkCount } = await h.steps.prepare(job.id);
    for (let i = 0; i < chunkCount; i++) await h.steps.analyzeChunk(job.id, i);
    await h.steps.assemble(job.id);
    const chaptersRead: number[] = [];
    const read = h.storyboards.getStoryboard.bind(h.storyboards);
    h.storyboards.getStoryboard = async (id, page) => {
      const result = await read(id, page);
      chaptersRead.push(result?.storyboard.chapters.length ?? -1);
      return result;
    };
    expect((await h.steps.complete(job.id)).status).toBe('completed');
    expect(chaptersRead).toEqual([0]);
  });

  it("a chunk step's progress counts fragments from the first chunk not known saved", async () => {
    const { h, job } = await submitted();
    const { chunkCount } = await h.steps.prepare(job.id);
    expect(chunkCount).toBeGreaterThan(2);
    const froms: (number | undefined)[] = [];
    const list = h.storyboards.listFragmentIndexes.bind(h.storyboards);
    h.storyboards.listFragmentIndexes = (id, fromChunk) => {
      froms.push(fromChunk);
      return list(id, fromChunk);
    };
    // Chunk 1 first: chunk 0 is not saved yet, so the next count still starts at 0.
    const order = [1, 0, ...Array.from({ length: chunkCount - 2 }, (_, i) => i + 2)];
    for (const i of order) {
      h.clock.advance(5_000);
      await h.steps.analyzeChunk(job.id, i);
    }
    expect(froms).toEqual([0, 0, ...Array.from({ length: chunkCount - 2 }, (_, i) => i + 2)]);
    expect((await h.jobs.get(job.id))?.progress.chunksDone).toBe(chunkCount);
  });

  it('resumes after a crash between chunks without redoing saved chunks', async () => {
    const generator = new FaultInjectingGenerator(new ParagraphStoryboardGenerator());
    const { h, job } = await submitted({ generator });
    generator.failOn(2, 1, () => new Error('process crashed'));
    await expect(h.runJob.execute({ jobId: job.id })).rejects.toThrow('process crashed');
    const crashed = await h.jobs.get(job.id);
    expect(crashed?.status).toBe('running');
    expect(await h.storyboards.listFragmentIndexes(job.id)).toEqual([0, 1]);

    const outcome = await h.runJob.execute({ jobId: job.id });

    expect(outcome).toEqual({ kind: 'ended', status: 'completed' });
    expect(generator.calls.filter((i) => i === 0)).toHaveLength(1);
    expect(generator.calls.filter((i) => i === 1)).toHaveLength(1);
    expect(generator.calls.filter((i) => i === 2)).toHaveLength(2);
    const { storyboard } = await h.getStoryboard.execute({ ownerId: 'user-a', jobId: job.id });
    const reference = await submitted();
    await reference.h.runJob.execute({ jobId: reference.job.id });
    const expected = await reference.h.getStoryboard.execute({
      ownerId: 'user-a',
      jobId: reference.job.id,
    });
    expect(storyboard.chapters).toEqual(expected.storyboard.chapters);
  });

  it('yields when the time budget runs out and resumes on the next run', async () => {
    const { h, job } = await submitted();
    let budget = 2;
    const first = await h.runJob.execute({ jobId: job.id, shouldContinue: () => budget-- > 0 });
    // one chunk before the first check, then two more while the budget lasts
    expect(first).toMatchObject({ kind: 'yielded', chunksDone: 3 });
    expect((await h.jobs.get(job.id))?.status).toBe('running');
    const second = await h.runJob.execute({ jobId: job.id });
    expect(second).toEqual({ kind: 'ended', status: 'completed' });
  });

  it('moves forward by one chunk per run even with no time left at all', async () => {
    const { h, job } = await submitted();
    const outcomes = [];
    for (let run = 0; run < 20; run++) {
      const outcome = await h.runJob.execute({ jobId: job.id, shouldContinue: () => false });
      outcomes.push(outcome);
      if (outcome.kind === 'ended') break;
    }
    const total = (await h.storyboards.getPlan(job.id))?.chunks.length ?? 0;
    expect(outcomes.map((o) => (o.kind === 'yielded' ? o.chunksDone : 'ended'))).toEqual([
      ...Array.from({ length: total }, (_, i) => i + 1),
      'ended',
    ]);
  });

  it('stops at the next chunk when the job is cancelled mid-job', async () => {
    const generator = new FaultInjectingGenerator(new ParagraphStoryboardGenerator());
    const { h, job } = await submitted({ generator });
    const original = generator.generate.bind(generator);
    generator.generate = async (input) => {
      if (input.chunk.index === 1) await h.cancelJob.execute({ ownerId: 'user-a', jobId: job.id });
      return original(input);
    };

    const outcome = await h.runJob.execute({ jobId: job.id });

    expect(outcome).toEqual({ kind: 'ended', status: 'cancelled' });
    expect(generator.calls).toEqual([0, 1]);
    const cancelled = await h.jobs.get(job.id);
    expect(cancelled?.status).toBe('cancelled');
    expect(await h.storyboards.getStoryboard(job.id)).toBeUndefined();
    await expect(h.steps.analyzeChunk(job.id, 2)).rejects.toBeInstanceOf(JobEndedError);
  });

  it('a retried job resumes from the saved chunks and completes', async () => {
    const generator = new FaultInjectingGenerator(new ParagraphStoryboardGenerator());
    const { h, job } = await submitted({ generator });
    generator.failOn(3, 1, () => new GeneratorOutputError('nonsense'));
    expect(await h.runJob.executeToEnd(job.id)).toBe('failed');
    const failed = await h.jobs.get(job.id);
    expect(failed?.error).toMatchObject({ code: 'GENERATOR.INVALID_OUTPUT', retryable: false });

    const retried = await h.retryJob.execute({ ownerId: 'user-a', jobId: job.id });
    expect(retried).toMatchObject({ status: 'queued', attempts: 2 });
    expect(await h.runJob.executeToEnd(job.id)).toBe('completed');
    expect(generator.calls.filter((i) => i === 0)).toHaveLength(1);
  });

  it('refuses to retry a completed job', async () => {
    const { h, job } = await submitted();
    await h.runJob.execute({ jobId: job.id });
    await expect(h.retryJob.execute({ ownerId: 'user-a', jobId: job.id })).rejects.toBeInstanceOf(
      IllegalTransitionError,
    );
  });

  it('fails the job when the generator output breaks the fragment schema', async () => {
    const generator = new FaultInjectingGenerator(new ParagraphStoryboardGenerator());
    const { h, job } = await submitted({ generator });
    generator.generate = async () => ({ chunkIndex: 0, sections: 'nope' }) as unknown as Fragment;
    expect(await h.runJob.executeToEnd(job.id)).toBe('failed');
    expect((await h.jobs.get(job.id))?.error?.code).toBe('GENERATOR.INVALID_OUTPUT');
  });

  it('drops speakers and characters that are not in the cast', async () => {
    const generator = new FaultInjectingGenerator(new ParagraphStoryboardGenerator());
    const { h, job } = await submitted({ generator });
    const original = generator.generate.bind(generator);
    generator.generate = async (input) => {
      const fragment = await original(input);
      const panel = fragment.sections[0]?.scenes[0]?.panels[0];
      if (panel) {
        panel.characters.push('ghost');
        panel.dialogue.push({ speaker: 'ghost', text: 'Boo' });
      }
      return fragment;
    };
    await h.runJob.execute({ jobId: job.id });
    const { storyboard } = await h.getStoryboard.execute({ ownerId: 'user-a', jobId: job.id });
    const panels = storyboard.chapters.flatMap((c) => c.scenes.flatMap((s) => s.panels));
    expect(panels.some((p) => p.characters.includes('ghost'))).toBe(false);
    expect(
      panels
        .flatMap((p) => p.dialogue)
        .filter((d) => d.text === 'Boo')
        .every((d) => d.speaker === null),
    ).toBe(true);
  });
});

describe('backends in process', () => {
  it('sync returns the completed job', async () => {
    const h = createInMemoryHarness({ backend: 'sync' });
    const novel = await h.submitNovel.execute({
      ownerId: 'u',
      title: 'T',
      bytes: new TextEncoder().encode(BOOK),
    });
    const job = await h.requestAnalysis.execute({ ownerId: 'u', novelId: novel.id });
    expect(job.status).toBe('completed');
    expect((await h.novels.get('u', novel.id))?.latestJobId).toBe(job.id);
  });

  it('fire-and-forget returns a queued job and finishes later', async () => {
    const h = createInMemoryHarness({ backend: 'fire-and-forget' });
    const novel = await h.submitNovel.execute({
      ownerId: 'u',
      title: 'T',
      bytes: new TextEncoder().encode(BOOK),
    });
    const job = await h.requestAnalysis.execute({ ownerId: 'u', novelId: novel.id });
    expect(job.status).toBe('queued');
    if (!('idle' in h.dispatcher)) throw new Error('expected the fire-and-forget dispatcher');
    await h.dispatcher.idle();
    expect((await h.jobs.get(job.id))?.status).toBe('completed');
  });

  it('a job whose dispatch fails is marked failed, not left queued', async () => {
    const h = createInMemoryHarness({ backend: 'manual' });
    h.dispatcher.dispatch = async () => {
      throw new Error('queue unreachable');
    };
    const novel = await h.submitNovel.execute({
      ownerId: 'u',
      title: 'T',
      bytes: new TextEncoder().encode(BOOK),
    });
    await expect(h.requestAnalysis.execute({ ownerId: 'u', novelId: novel.id })).rejects.toThrow(
      'queue unreachable',
    );
    const [job] = await h.jobs.listByNovel(novel.id);
    expect(job).toMatchObject({ status: 'failed', error: { code: 'INTERNAL', retryable: true } });
  });
});
