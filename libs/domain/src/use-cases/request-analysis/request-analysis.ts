import type { AnalysisJob, ExecutionBackend } from '../../job/analysis-job';
import { createJob } from '../../job/analysis-job';
import type { JobRepository } from '../../ports/job-repository.port';
import type { NovelRepository } from '../../ports/novel-repository.port';
import type { JobDispatcher } from '../../ports/job-dispatcher.port';
import type { Clock } from '../../ports/clock.port';
import type { IdGenerator } from '../../ports/id-generator.port';
import type { NovelTextStore } from '../../ports/novel-text-store.port';
import type { TextAnalyzer } from '../../ports/text-analyzer.port';
import { finalizeUpload } from '../../novel/finalize-upload';
import { dispatchOrFail } from '../../job/dispatch-or-fail';
import {
  BackendNotEnabledError,
  JobNotFoundError,
  NovelNotFoundError,
  TooLargeForSyncError,
} from '../../errors';

export interface RequestAnalysisDeps {
  novels: NovelRepository;
  jobs: JobRepository;
  dispatcher: JobDispatcher;
  clock: Clock;
  ids: IdGenerator;
  generator: string;
  /** For a novel uploaded directly: where its bytes land and how to read them. */
  texts: NovelTextStore;
  analyzer: TextAnalyzer;
  /** The `sync` backend refuses longer texts (it runs inside the request). */
  maxSyncChars: number;
}

/** Creates a queued job for a novel and hands it to the backend asked for (one of the
 * dispatcher's enabled backends; default: the configured one). Throws
 * `BackendNotEnabledError` for any other backend. */
export class RequestAnalysis {
  constructor(private readonly deps: RequestAnalysisDeps) {}

  async execute(input: {
    ownerId: string;
    novelId: string;
    backend?: string;
  }): Promise<AnalysisJob> {
    const { novels, jobs, dispatcher, clock, ids } = this.deps;
    const backend = enabledBackend(dispatcher, input.backend);
    const found = await novels.get(input.ownerId, input.novelId);
    if (!found) throw new NovelNotFoundError(input.novelId);
    const novel = await finalizeUpload(found, this.deps);
    const length = novel.length ?? 0;
    if (backend === 'sync' && length > this.deps.maxSyncChars) {
      throw new TooLargeForSyncError(length, this.deps.maxSyncChars);
    }
    const job = createJob({
      id: ids.newId(),
      novelId: novel.id,
      ownerId: novel.ownerId,
      backend,
      generator: this.deps.generator,
      now: clock.now(),
    });
    await jobs.create(job);
    await dispatchOrFail(jobs, dispatcher, clock, job);
    const latest = await jobs.get(job.id);
    if (!latest) throw new JobNotFoundError(job.id);
    return latest;
  }
}

function enabledBackend(dispatcher: JobDispatcher, asked: string | undefined): ExecutionBackend {
  const enabled = dispatcher.backends ?? [dispatcher.backend];
  if (asked === undefined) return dispatcher.backend;
  const found = enabled.find((b) => b === asked);
  if (!found) throw new BackendNotEnabledError(asked, enabled);
  return found;
}
