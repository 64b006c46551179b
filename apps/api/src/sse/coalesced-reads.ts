import type { AnalysisJob } from '@storyboard/domain';

/**
 * One store read per job and owner at a time: streams of the same job that wake together
 * (a change, or the same poll tick) share it. `forget(jobId)` after a change makes the next
 * reads start afresh, so no stream is handed a read that began before the change.
 */
export class CoalescedReads {
  private readonly inflight = new Map<string, Map<string, Promise<AnalysisJob>>>();

  read(jobId: string, ownerId: string, load: () => Promise<AnalysisJob>): Promise<AnalysisJob> {
    const byOwner = this.inflight.get(jobId) ?? new Map<string, Promise<AnalysisJob>>();
    this.inflight.set(jobId, byOwner);
    const pending = byOwner.get(ownerId);
    if (pending) return pending;
    const read = load().finally(() => {
      if (byOwner.get(ownerId) === read) byOwner.delete(ownerId);
      if (byOwner.size === 0 && this.inflight.get(jobId) === byOwner) this.inflight.delete(jobId);
    });
    byOwner.set(ownerId, read);
    return read;
  }

  forget(jobId: string): void {
    this.inflight.delete(jobId);
  }
}
