import type { ExecutionBackend } from '../job/analysis-job';
import type { DispatchTarget, JobDispatcher } from '../ports/job-dispatcher.port';
import { BackendNotEnabledError } from '../errors';

/**
 * A deployment with several backends enabled: one dispatcher per backend, the first the
 * default. A job is dispatched (and stopped) on its own backend (`target.backend`, stored on
 * the job), so a retry or the sweeper's re-dispatch runs where the job was first sent.
 */
export class BackendRouter implements JobDispatcher {
  readonly backend: ExecutionBackend;
  readonly backends: readonly ExecutionBackend[];
  private readonly byName: ReadonlyMap<ExecutionBackend, JobDispatcher>;

  constructor(dispatchers: readonly JobDispatcher[]) {
    const first = dispatchers[0];
    if (!first) throw new Error('BackendRouter needs at least one dispatcher.');
    this.backend = first.backend;
    this.byName = new Map(dispatchers.map((d) => [d.backend, d]));
    this.backends = [...this.byName.keys()];
  }

  /** The dispatcher of `backend` (default: the default one); `BackendNotEnabledError` for a
   * backend that is not enabled. */
  dispatcherFor(backend: string = this.backend): JobDispatcher {
    const found = this.byName.get(backend as ExecutionBackend);
    if (!found) throw new BackendNotEnabledError(backend, this.backends);
    return found;
  }

  dispatch(job: DispatchTarget & { redispatch?: number }): Promise<void> {
    return this.dispatcherFor(job.backend).dispatch(job);
  }

  async stop(job: DispatchTarget, reason: string): Promise<boolean> {
    const dispatcher = this.dispatcherFor(job.backend);
    return dispatcher.stop ? dispatcher.stop(job, reason) : false;
  }
}
