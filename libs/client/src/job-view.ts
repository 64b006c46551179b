/** The job as the API returns it (`GET /jobs/{id}`, and each `job` event's data). */
export interface JobView {
  id: string;
  novelId: string;
  status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
  backend: string;
  generator: string;
  progress: { percentage: number; stage: string; chunksDone: number; chunksTotal: number };
  attempts: number;
  error: { code: string; message: string; retryable: boolean } | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Token usage, on generators that report it. */
  usage?: Record<string, unknown>;
}

export const TERMINAL_JOB_STATUSES: readonly JobView['status'][] = [
  'completed',
  'failed',
  'cancelled',
];

export const isTerminalJob = (job: Pick<JobView, 'status'>): boolean =>
  TERMINAL_JOB_STATUSES.includes(job.status);
