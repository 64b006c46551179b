import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDurableExecution } from '@aws/durable-execution-sdk-js';
import { LocalDurableTestRunner } from '@aws/durable-execution-sdk-js-testing';
import { GeneratorOutputError, GeneratorUnavailableError, PIPELINE } from '@storyboard/domain';
import {
  FaultInjectingGenerator,
  ParagraphStoryboardGenerator,
  createInMemoryHarness,
} from '@storyboard/domain/testing';
import { createLogger } from '../logger';
import { createDurableJobHandler } from './durable-job';

/** Five short chapters: several chunks with maxChunkChars 200. */
const BOOK = [
  'Cast: Alice, Rabbit',
  '# One',
  'Alice sat by the river. The Rabbit ran past her with a watch in his paw.',
  '# Two',
  'Down the hole Alice fell, slowly, past shelves and maps and jars of marmalade.',
  '# Three',
  'The Rabbit hurried along a corridor. Alice chased him to a row of doors.',
  '# Four',
  'A tiny golden key lay on a glass table. Alice tried it in every door.',
  '# Five',
  ...Array.from({ length: 6 }, (_, i) => `Paragraph ${i}: Alice grew and shrank and cried.`),
].join('\n\n');

async function setup() {
  const generator = new FaultInjectingGenerator(new ParagraphStoryboardGenerator());
  const h = createInMemoryHarness({ backend: 'manual', generator });
  const novel = await h.submitNovel.execute({
    ownerId: 'user-a',
    title: 'Alice',
    bytes: new TextEncoder().encode(BOOK),
  });
  const job = await h.requestAnalysis.execute({ ownerId: 'user-a', novelId: novel.id });
  const handler = withDurableExecution(
    createDurableJobHandler({
      steps: h.steps,
      logger: createLogger('test', 'SILENT'),
      maxConcurrency: 2,
    }),
  );
  const runner = new LocalDurableTestRunner({ handlerFunction: handler });
  return { h, job, generator, runner };
}

beforeAll(() => LocalDurableTestRunner.setupTestEnvironment({ skipTime: true }));
afterAll(() => LocalDurableTestRunner.teardownTestEnvironment());

describe('durable job handler (LocalDurableTestRunner)', () => {
  it('walks the pipeline as checkpointed steps and completes the job', async () => {
    const { h, job, generator, runner } = await setup();
    const execution = await runner.run({ payload: { jobId: job.id } });
    expect(execution.getStatus()).toBe('SUCCEEDED');
    expect(execution.getResult()).toEqual({ jobId: job.id, status: 'completed' });
    const done = await h.getJob.execute({ ownerId: 'user-a', jobId: job.id });
    expect(done.status).toBe('completed');
    const chunks = done.progress.chunksTotal;
    expect(chunks).toBeGreaterThan(2);
    // one step per pipeline step, the chunk step as a map: the same list the domain defines
    const top = execution.getOperations().filter((op) => !op.getParentId?.());
    expect(top.map((op) => op.getName())).toEqual(PIPELINE.map((s) => s.name));
    for (let i = 0; i < chunks; i++) expect(generator.callsFor(i)).toBe(1);
  });

  it('retries a step that fails with a retryable error and completes', async () => {
    const { h, job, generator, runner } = await setup();
    generator.failOn(2, 1, () => new GeneratorUnavailableError('model throttled'));
    const execution = await runner.run({ payload: { jobId: job.id } });
    expect(execution.getStatus()).toBe('SUCCEEDED');
    expect(generator.callsFor(2)).toBe(2);
    expect(generator.callsFor(1)).toBe(1);
    const done = await h.getJob.execute({ ownerId: 'user-a', jobId: job.id });
    expect(done.status).toBe('completed');
  });

  it('fails the job with the code of a permanent error, without retrying it', async () => {
    const { h, job, generator, runner } = await setup();
    generator.failOn(1, 5, () => new GeneratorOutputError('not a storyboard'));
    const execution = await runner.run({ payload: { jobId: job.id } });
    expect(execution.getStatus()).toBe('FAILED');
    expect(generator.callsFor(1)).toBe(1);
    const failed = await h.getJob.execute({ ownerId: 'user-a', jobId: job.id });
    expect(failed).toMatchObject({
      status: 'failed',
      error: { code: 'GENERATOR.INVALID_OUTPUT', retryable: false },
    });
    expect(runner.getOperation('fail').getStatus()).toBe('SUCCEEDED');
  });

  it('fails the job once a retryable error has used up its attempts', async () => {
    const { h, job, generator, runner } = await setup();
    generator.failOn(0, 10, () => new GeneratorUnavailableError('model down'));
    const execution = await runner.run({ payload: { jobId: job.id } });
    expect(execution.getStatus()).toBe('FAILED');
    expect(generator.callsFor(0)).toBe(3);
    const failed = await h.getJob.execute({ ownerId: 'user-a', jobId: job.id });
    expect(failed).toMatchObject({
      status: 'failed',
      error: { code: 'GENERATOR.UNAVAILABLE', retryable: true },
    });
  });

  it('stops quietly when the job was cancelled before it ran', async () => {
    const { h, job, generator, runner } = await setup();
    await h.cancelJob.execute({ ownerId: 'user-a', jobId: job.id });
    const execution = await runner.run({ payload: { jobId: job.id } });
    expect(execution.getStatus()).toBe('SUCCEEDED');
    expect(execution.getResult()).toEqual({ jobId: job.id, status: 'cancelled' });
    expect(generator.calls).toEqual([]);
  });

  it('fails the execution on an event without a job id', async () => {
    const { runner } = await setup();
    const execution = await runner.run({ payload: { job: 'x' } });
    expect(execution.getStatus()).toBe('FAILED');
    expect(execution.getError()).toMatchObject({ errorMessage: expect.stringContaining('jobId') });
  });
});
