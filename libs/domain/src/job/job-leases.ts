import type { AnalysisJob } from './analysis-job';
import { takeLease } from './analysis-job';
import { updateJob } from './update-job';
import type { Clock } from '../ports/clock.port';
import type { JobRepository } from '../ports/job-repository.port';
import { JobEndedError } from '../errors';

export interface JobLeasePolicy {
  /** How long a lease lasts unless renewed, ms. */
  leaseMs: number;
  /** Who takes leases through this instance (a worker or task id, for diagnostics). */
  owner: string;
  /** Told about a renewal that failed (the lease then runs out and the sweeper takes over). */
  onRenewError?: (err: unknown, jobId: string) => void;
}

/** What a runner holding a lease can do with it. */
export interface LeaseHold {
  /** Renews the lease if a third of it has passed since the last renewal (cheap to call after
   * every chunk). Ends quietly if the job has finished meanwhile. */
  touch(): Promise<void>;
}

/**
 * The running attempt's lease: taken when the attempt starts, renewed as it works, so the
 * sweeper can tell a live attempt from an abandoned one. Every write is conditional on the
 * job's version (through `updateJob`). The lease is a liveness signal, not a lock: two
 * runners of one attempt (a duplicate delivery) both renew it, and the steps' idempotence
 * keeps that safe.
 */
export class JobLeases {
  constructor(
    private readonly jobs: JobRepository,
    private readonly clock: Clock,
    readonly policy: JobLeasePolicy,
  ) {}

  /** Takes or renews the lease; a queued job starts running. A running job whose lease still
   * has two thirds of its time left is left as it is (no write): the lease says the attempt is
   * alive, whoever renewed it, and `hold` renews it a third later. So the tasks a Step
   * Functions Map starts at once read the job instead of all writing it. Throws
   * `JobEndedError` when the job has ended and `JobNotFoundError` when there is none. */
  async take(jobId: string): Promise<AnalysisJob> {
    return updateJob(this.jobs, jobId, (job) => {
      if (job.status !== 'queued' && job.status !== 'running') {
        throw new JobEndedError(jobId, job.status);
      }
      const now = this.clock.now();
      if (job.status === 'running' && this.freshAt(job, now)) return job;
      return takeLease(job, { owner: this.policy.owner, until: this.until(now) }, now);
    });
  }

  /** Whether the job's lease has at least two thirds of the lease time left at `now`. */
  private freshAt(job: AnalysisJob, now: string): boolean {
    if (!job.leaseUntil) return false;
    return Date.parse(job.leaseUntil) - Date.parse(now) >= (2 * this.policy.leaseMs) / 3;
  }

  /**
   * Takes the lease, then runs `work` while renewing it on a timer (every third of the lease,
   * so a long step such as an LLM call keeps it) and whenever `work` calls `touch()`. The
   * timer stops when `work` settles. Renewal failures go to `onRenewError`, never into `work`.
   * `work` is given the job as the lease left it (running), so a step need not read it again.
   */
  async hold<T>(
    jobId: string,
    work: (lease: LeaseHold, job: AnalysisJob) => Promise<T>,
  ): Promise<T> {
    const job = await this.take(jobId);
    const everyMs = Math.max(1, Math.floor(this.policy.leaseMs / 3));
    let last = Date.parse(this.clock.now());
    let ended = false;
    let inFlight: Promise<void> | undefined;
    const renew = (): Promise<void> =>
      (inFlight ??= this.renew(jobId)
        .then((stillRunning) => {
          ended ||= !stillRunning;
          last = Date.parse(this.clock.now());
        })
        .catch((err: unknown) => this.policy.onRenewError?.(err, jobId))
        .finally(() => (inFlight = undefined)));
    const timer = setInterval(() => void (ended || renew()), everyMs);
    timer.unref?.();
    try {
      return await work(
        {
          touch: async () => {
            if (!ended && Date.parse(this.clock.now()) - last >= everyMs) await renew();
          },
        },
        job,
      );
    } finally {
      clearInterval(timer);
      await inFlight;
    }
  }

  /** Renews the lease of a running job; false once the job is no longer running. */
  private async renew(jobId: string): Promise<boolean> {
    const job = await updateJob(this.jobs, jobId, (j) => {
      if (j.status !== 'running') return j;
      const now = this.clock.now();
      return takeLease(j, { owner: this.policy.owner, until: this.until(now) }, now);
    });
    return job.status === 'running';
  }

  private until(now: string): string {
    return new Date(Date.parse(now) + this.policy.leaseMs).toISOString();
  }
}
