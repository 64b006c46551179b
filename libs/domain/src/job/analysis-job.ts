import type { Usage } from '../storyboard/storyboard.schema';
import { IllegalTransitionError } from '../errors';

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const TERMINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export const EXECUTION_BACKENDS = [
  'sync',
  'sqs',
  'stepfunctions',
  'durable',
  'fire-and-forget',
] as const;
export type ExecutionBackend = (typeof EXECUTION_BACKENDS)[number];

export type JobStage = 'queued' | 'prepare' | 'analyze-chunk' | 'assemble' | 'complete';

export interface JobProgress {
  percentage: number;
  stage: JobStage;
  chunksDone: number;
  chunksTotal: number;
}

export interface JobError {
  code: string;
  message: string;
  retryable: boolean;
}

export interface AnalysisJob {
  id: string;
  novelId: string;
  ownerId: string;
  status: JobStatus;
  backend: ExecutionBackend;
  generator: string;
  progress: JobProgress;
  /** 1 for the first run; a retry request adds one. */
  attempts: number;
  error: JobError | null;
  /** Tokens the generator spent on this job (LLM generators only): grows as chunks finish,
   * set to the exact sum of the saved fragments when the storyboard is assembled. */
  usage?: Usage;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Bumped by every change; repositories write conditionally on it. */
  version: number;
  /** Who holds the running attempt's lease (a worker, a task, or the sweeper that just
   * re-dispatched it); absent when no one does. */
  leaseOwner?: string | null;
  /** When that lease ends unless renewed (ISO time); past it, the sweeper takes the attempt
   * for dead. Absent on queued and finished jobs. */
  leaseUntil?: string | null;
  /** How many times the sweeper found this attempt stalled and re-dispatched it (never goes
   * down within an attempt: it numbers the re-dispatches). */
  stalls?: number;
  /** Of those, how many in a row found the job where the previous one left it (same stage and
   * chunk count): MAX_STALLS bounds these, so a job that keeps progressing between worker
   * deaths is resumed again, and one that stalls at the same point is failed. */
  stallsInARow?: number;
  /** The progress (`stage/chunksDone`) at the last re-dispatch. */
  stallMark?: string;
}

const ALLOWED: Record<JobStatus, readonly JobStatus[]> = {
  queued: ['running', 'failed', 'cancelled'],
  running: ['completed', 'failed', 'cancelled'],
  completed: [],
  failed: ['queued'],
  cancelled: ['queued'],
};

export const isTerminal = (status: JobStatus): boolean => TERMINAL_STATUSES.includes(status);

export const canTransition = (from: JobStatus, to: JobStatus): boolean =>
  ALLOWED[from].includes(to);

function transition(job: AnalysisJob, to: JobStatus, now: string): AnalysisJob {
  if (!canTransition(job.status, to)) throw new IllegalTransitionError(job.status, to);
  return { ...job, status: to, updatedAt: now, version: job.version + 1 };
}

const QUEUED_PROGRESS: JobProgress = {
  percentage: 0,
  stage: 'queued',
  chunksDone: 0,
  chunksTotal: 0,
};

export interface NewJobInput {
  id: string;
  novelId: string;
  ownerId: string;
  backend: ExecutionBackend;
  generator: string;
  now: string;
}

export function createJob(input: NewJobInput): AnalysisJob {
  return {
    id: input.id,
    novelId: input.novelId,
    ownerId: input.ownerId,
    status: 'queued',
    backend: input.backend,
    generator: input.generator,
    progress: QUEUED_PROGRESS,
    attempts: 1,
    error: null,
    createdAt: input.now,
    updatedAt: input.now,
    startedAt: null,
    finishedAt: null,
    version: 1,
  };
}

export function startJob(job: AnalysisJob, now: string): AnalysisJob {
  return { ...transition(job, 'running', now), startedAt: job.startedAt ?? now };
}

/** Progress never goes down within an attempt: a lower figure (a stale or reordered update)
 * leaves the job as it is. Returns the same object when nothing changes. */
export function advanceProgress(job: AnalysisJob, next: JobProgress, now: string): AnalysisJob {
  if (job.status !== 'running') throw new IllegalTransitionError(job.status, 'running');
  const merged: JobProgress = {
    percentage: Math.min(100, Math.max(job.progress.percentage, Math.round(next.percentage))),
    stage: next.percentage >= job.progress.percentage ? next.stage : job.progress.stage,
    chunksDone: Math.max(job.progress.chunksDone, next.chunksDone),
    chunksTotal: Math.max(job.progress.chunksTotal, next.chunksTotal),
  };
  const same =
    merged.percentage === job.progress.percentage &&
    merged.stage === job.progress.stage &&
    merged.chunksDone === job.progress.chunksDone &&
    merged.chunksTotal === job.progress.chunksTotal;
  if (same) return job;
  return { ...job, progress: merged, updatedAt: now, version: job.version + 1 };
}

/** The job without its lease: a finished attempt holds none. */
function withoutLease(job: AnalysisJob): AnalysisJob {
  const { leaseOwner: _owner, leaseUntil: _until, ...rest } = job;
  return rest;
}

export function completeJob(job: AnalysisJob, now: string): AnalysisJob {
  return {
    ...withoutLease(transition(job, 'completed', now)),
    progress: { ...job.progress, percentage: 100, stage: 'complete' },
    finishedAt: now,
  };
}

export function failJob(job: AnalysisJob, error: JobError, now: string): AnalysisJob {
  return { ...withoutLease(transition(job, 'failed', now)), error, finishedAt: now };
}

export function cancelJob(job: AnalysisJob, now: string): AnalysisJob {
  return { ...withoutLease(transition(job, 'cancelled', now)), finishedAt: now };
}

/** A new attempt of a failed or cancelled job: back to `queued`, progress restarts from zero
 * (saved chunk fragments are kept, so the attempt resumes where the last one stopped). */
export function retryJob(job: AnalysisJob, now: string): AnalysisJob {
  const {
    stalls: _stalls,
    stallsInARow: _inARow,
    stallMark: _mark,
    ...next
  } = withoutLease(transition(job, 'queued', now));
  return {
    ...next,
    attempts: job.attempts + 1,
    progress: QUEUED_PROGRESS,
    error: null,
    startedAt: null,
    finishedAt: null,
  };
}

/** The running attempt's lease, taken or renewed by `owner` until `until`. Starts a queued
 * job (the attempt begins when a runner takes its lease); a running one keeps its progress. */
export function takeLease(
  job: AnalysisJob,
  lease: { owner: string; until: string },
  now: string,
): AnalysisJob {
  const running = job.status === 'queued' ? startJob(job, now) : job;
  if (running.status !== 'running') throw new IllegalTransitionError(job.status, 'running');
  return {
    ...running,
    leaseOwner: lease.owner,
    leaseUntil: lease.until,
    version: job.version + 1,
  };
}

/** Whether the attempt looks abandoned at `now`: running with a lease that has ended (or no
 * lease and no change since `queuedBefore`), or queued with no change since `queuedBefore`. */
export function isStalled(job: AnalysisJob, now: string, queuedBefore: string): boolean {
  if (job.status === 'running') {
    return job.leaseUntil ? job.leaseUntil < now : job.updatedAt < queuedBefore;
  }
  return job.status === 'queued' && job.updatedAt < queuedBefore;
}
