import type { AnalysisJob } from '../../job/analysis-job';
import { failJob, isStalled } from '../../job/analysis-job';
import { updateJob } from '../../job/update-job';
import type { Clock } from '../../ports/clock.port';
import type { JobDispatcher } from '../../ports/job-dispatcher.port';
import type { JobRepository } from '../../ports/job-repository.port';
import { JobStalledError, toDomainError } from '../../errors';

export interface SweepPolicy {
  /** The lease a running attempt holds. A re-dispatched attempt waits for a worker like a
   * queued job (behind a queue's backlog, say), so it gets max(leaseMs, queuedStallMs) to take
   * its lease before it counts as stalled again. */
  leaseMs: number;
  /** A job still `queued` this long after its last change counts as stalled. */
  queuedStallMs: number;
  /** Re-dispatches allowed in a row without progress (the same stage and chunk count); the
   * stall after that fails the job `JOB.STALLED`. A stall after progress counts from 1. */
  maxStalls: number;
  /** Jobs read per query page. */
  batchSize: number;
}

export interface SweepReport {
  redispatched: string[];
  failed: string[];
  /** Re-dispatches the backend refused: the job stays for the next sweep. */
  dispatchErrors: { jobId: string; code: string; message: string }[];
}

const FAR_FUTURE = '9999-12-31T23:59:59.999Z';
const MAX_PAGES = 50;

/**
 * Finds attempts nobody is working on (lease run out, or never started) and re-dispatches each
 * through the configured backend, which resumes from the saved chunks; after `maxStalls`
 * re-dispatches in a row that found the job where the previous one left it, the next such
 * stall fails the job with `JOB.STALLED` (a job that progresses between worker deaths keeps
 * being resumed; one that dies at the same point every time is stopped). Safe to run twice at once:
 * each job is claimed with a conditional write (the claim gives it a fresh grace lease), and
 * only the sweeper whose write won dispatches it.
 */
export class SweepStalledJobs {
  constructor(
    private readonly deps: {
      jobs: JobRepository;
      dispatcher: JobDispatcher;
      clock: Clock;
      policy: SweepPolicy;
    },
  ) {}

  /** By default sweeps what has stalled by now; `everything: true`
   * treats every unfinished job as abandoned: for a data folder no other process can hold
   * (the local stack's store is locked by the process that opened it), at start. */
  async execute(input: { everything?: boolean } = {}): Promise<SweepReport> {
    const report: SweepReport = { redispatched: [], failed: [], dispatchErrors: [] };
    const seen = new Set<string>();
    for (let page = 0; page < MAX_PAGES; page++) {
      const now = this.deps.clock.now();
      const bounds = input.everything
        ? { leaseExpiredBefore: FAR_FUTURE, queuedBefore: FAR_FUTURE }
        : { leaseExpiredBefore: now, queuedBefore: shift(now, -this.deps.policy.queuedStallMs) };
      const candidates = await this.deps.jobs.listStalled({
        ...bounds,
        limit: this.deps.policy.batchSize,
      });
      const fresh = candidates.filter((j) => !seen.has(j.id));
      for (const job of fresh) {
        seen.add(job.id);
        await this.sweepOne(job.id, bounds, report);
      }
      if (fresh.length === 0 || candidates.length < this.deps.policy.batchSize) break;
    }
    return report;
  }

  private graceMs(): number {
    return Math.max(this.deps.policy.leaseMs, this.deps.policy.queuedStallMs);
  }

  private async sweepOne(
    jobId: string,
    bounds: { leaseExpiredBefore: string; queuedBefore: string },
    report: SweepReport,
  ): Promise<void> {
    // Set by the last (winning) run of the change below: updateJob re-applies it on a conflict.
    const claim: { decision: 'skip' | 'redispatch' | 'fail' } = { decision: 'skip' };
    const job = await updateJob(this.deps.jobs, jobId, (j) => {
      claim.decision = 'skip';
      if (!isStalled(j, bounds.leaseExpiredBefore, bounds.queuedBefore)) return j;
      const now = this.deps.clock.now();
      const stalls = (j.stalls ?? 0) + 1;
      const stallMark = `${j.progress.stage}/${j.progress.chunksDone}`;
      const stallsInARow = j.stallMark === stallMark ? (j.stallsInARow ?? 0) + 1 : 1;
      if (stallsInARow > this.deps.policy.maxStalls) {
        claim.decision = 'fail';
        const error = new JobStalledError(stalledMessage(j, this.deps.policy.maxStalls));
        return failJob(
          { ...j, stalls, stallsInARow, stallMark },
          { code: error.code, message: error.message, retryable: false },
          now,
        );
      }
      claim.decision = 'redispatch';
      const claimed = {
        ...j,
        stalls,
        stallsInARow,
        stallMark,
        updatedAt: now,
        version: j.version + 1,
      };
      return j.status === 'running'
        ? { ...claimed, leaseOwner: 'sweeper', leaseUntil: shift(now, this.graceMs()) }
        : claimed;
    });
    if (claim.decision === 'fail') report.failed.push(jobId);
    if (claim.decision !== 'redispatch') return;
    try {
      await this.deps.dispatcher.dispatch({
        jobId,
        attempt: job.attempts,
        backend: job.backend,
        redispatch: job.stalls ?? 1,
      });
      report.redispatched.push(jobId);
    } catch (err) {
      const error = toDomainError(err);
      report.dispatchErrors.push({ jobId, code: error.code, message: error.message });
    }
  }
}

function shift(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

function stalledMessage(job: AnalysisJob, maxStalls: number): string {
  const where = `${job.progress.stage}, ${job.progress.chunksDone}/${job.progress.chunksTotal} chunks`;
  const why =
    job.status === 'running'
      ? `its worker stopped renewing its lease${job.leaseOwner ? ` (last held by ${job.leaseOwner})` : ''}`
      : `it stayed queued since ${job.updatedAt} without a worker starting it`;
  return `The job stalled: ${why}, at ${where}. It was re-dispatched ${maxStalls} time(s) in a row without progress and stalled again, so it was stopped. Retry the job to run it again from its saved chunks.`;
}
