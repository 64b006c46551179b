import { describe, expect, it } from 'vitest';
import { createInMemoryHarness } from '../../testing/harness';
import { EXTENDED_PIPELINE, EXTRA_STEP } from '../../testing/extended-pipeline';
import { PIPELINE } from '../../pipeline/pipeline';
import { RunJob } from './run-job';
import type { StepHandler, StepHandlers } from './step-handlers';
import { createStepHandlers } from './step-handlers';

const BOOK = ['# One', 'Alice ran.', '# Two', 'Bob walked.', '# Three', 'Carol sat.'].join('\n\n');

async function queuedJob() {
  const h = createInMemoryHarness({ backend: 'manual', maxChunkChars: 20 });
  const novel = await h.submitNovel.execute({
    ownerId: 'u',
    title: 'T',
    bytes: new TextEncoder().encode(BOOK),
  });
  const job = await h.requestAnalysis.execute({ ownerId: 'u', novelId: novel.id });
  return { h, job };
}

/** Wraps every handler so the order of the steps run (one entry per step) is recorded. */
function recording(handlers: StepHandlers<string>, ran: string[]): StepHandlers<string> {
  const note = (name: string) => {
    if (ran[ran.length - 1] !== name) ran.push(name);
  };
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]): [string, StepHandler] => [
      name,
      handler.perChunk
        ? { ...handler, run: (jobId: string, i: number) => (note(name), handler.run(jobId, i)) }
        : { ...handler, run: (jobId: string) => (note(name), handler.run(jobId)) },
    ]),
  );
}

describe('RunJob walks the pipeline', () => {
  it('runs every step of PIPELINE, in its order', async () => {
    const { h, job } = await queuedJob();
    const ran: string[] = [];
    const runJob = new RunJob(h.steps, h.storyboards, h.jobs, {
      steps: PIPELINE,
      handlers: recording(createStepHandlers(h.steps, h.storyboards), ran),
    });
    expect(await runJob.execute({ jobId: job.id })).toEqual({ kind: 'ended', status: 'completed' });
    expect(ran).toEqual(PIPELINE.map((s) => s.name));
  });

  it('runs a step added to the pipeline, in its place', async () => {
    const { h, job } = await queuedJob();
    const ran: string[] = [];
    const reviewed: string[] = [];
    const runJob = new RunJob(h.steps, h.storyboards, h.jobs, {
      steps: EXTENDED_PIPELINE,
      handlers: recording(
        {
          ...createStepHandlers(h.steps, h.storyboards),
          [EXTRA_STEP]: {
            perChunk: false,
            run: async (jobId) => {
              // the storyboard is assembled by now, and the job not yet completed
              expect(await h.storyboards.getStoryboard(jobId, { limit: 1 })).toBeDefined();
              expect((await h.jobs.get(jobId))?.status).toBe('running');
              reviewed.push(jobId);
            },
          },
        },
        ran,
      ),
    });
    expect(await runJob.execute({ jobId: job.id })).toEqual({ kind: 'ended', status: 'completed' });
    expect(reviewed).toEqual([job.id]);
    expect(ran).toEqual(['prepare', 'analyze-chunk', 'assemble', EXTRA_STEP, 'complete']);
  });

  it('refuses to be built when a pipeline step has no handler', () => {
    const h = createInMemoryHarness();
    expect(
      () =>
        new RunJob(h.steps, h.storyboards, h.jobs, {
          steps: EXTENDED_PIPELINE,
          handlers: createStepHandlers(h.steps, h.storyboards),
        }),
    ).toThrow(`Pipeline step "${EXTRA_STEP}" has no in-process handler.`);
  });

  it('refuses a handler whose kind does not match its step', () => {
    const h = createInMemoryHarness();
    const handlers = createStepHandlers(h.steps, h.storyboards);
    expect(
      () =>
        new RunJob(h.steps, h.storyboards, h.jobs, {
          steps: PIPELINE,
          handlers: { ...handlers, assemble: handlers['analyze-chunk'] },
        }),
    ).toThrow('Pipeline step "assemble" is not per chunk');
  });
});
