import { describe, expect, it } from 'vitest';
import { createInMemoryHarness } from '../../testing/harness';
import type { JobDispatcher } from '../../ports/job-dispatcher.port';
import { DispatchFailedError } from '../../errors';
import { CancelJob } from './cancel-job';

/** A backend whose runs can be stopped: records stops, or fails them. */
class StoppableDispatcher implements JobDispatcher {
  readonly backend = 'durable' as const;
  readonly stopped: { jobId: string; attempt: number }[] = [];
  constructor(private readonly failing = false) {}
  async dispatch(): Promise<void> {}
  async stop(job: { jobId: string; attempt: number }): Promise<boolean> {
    if (this.failing) throw new DispatchFailedError('Lambda API unreachable');
    this.stopped.push(job);
    return true;
  }
}

async function queuedJob() {
  const h = createInMemoryHarness({ backend: 'manual' });
  const novel = await h.submitNovel.execute({
    ownerId: 'user-a',
    title: 'A',
    bytes: new TextEncoder().encode('# One\n\nAlice sat by the river.'),
  });
  const job = await h.requestAnalysis.execute({ ownerId: 'user-a', novelId: novel.id });
  return { h, job };
}

describe('CancelJob', () => {
  it('cancels the job and stops the attempt’s run on a backend that can', async () => {
    const { h, job } = await queuedJob();
    const dispatcher = new StoppableDispatcher();
    const cancel = new CancelJob(h.getJob, h.jobs, h.clock, { dispatcher, onStopFailed: () => {} });
    const cancelled = await cancel.execute({ ownerId: 'user-a', jobId: job.id });
    expect(cancelled.status).toBe('cancelled');
    expect(dispatcher.stopped).toEqual([{ jobId: job.id, attempt: 1, backend: job.backend }]);
  });

  it('reports a failed stop and still cancels (the steps refuse to go on)', async () => {
    const { h, job } = await queuedJob();
    const failures: string[] = [];
    const cancel = new CancelJob(h.getJob, h.jobs, h.clock, {
      dispatcher: new StoppableDispatcher(true),
      onStopFailed: (err, jobId) => failures.push(`${jobId}: ${(err as Error).message}`),
    });
    const cancelled = await cancel.execute({ ownerId: 'user-a', jobId: job.id });
    expect(cancelled.status).toBe('cancelled');
    expect(failures).toEqual([`${job.id}: Lambda API unreachable`]);
  });
});
