import type { AnalysisJob, Novel } from '@storyboard/domain';

/** Domain objects → wire shapes. Internal fields (owner, storage keys, version) stay out. */

export const jobLinks = (job: { id: string; novelId: string }) => ({
  self: `/jobs/${job.id}`,
  novel: `/novels/${job.novelId}`,
  storyboard: `/jobs/${job.id}/storyboard`,
  cancel: `/jobs/${job.id}/cancel`,
  retry: `/jobs/${job.id}/retry`,
});

export function toNovelView(novel: Novel) {
  return {
    id: novel.id,
    title: novel.title,
    status: novel.status,
    language: novel.language,
    encoding: novel.encoding,
    sizeBytes: novel.sizeBytes,
    length: novel.length,
    createdAt: novel.createdAt,
    latestJobId: novel.latestJobId,
    links: { self: `/novels/${novel.id}`, analyses: `/novels/${novel.id}/analyses` },
  };
}

export function toJobView(job: AnalysisJob) {
  return {
    id: job.id,
    novelId: job.novelId,
    status: job.status,
    backend: job.backend,
    generator: job.generator,
    progress: job.progress,
    attempts: job.attempts,
    ...(job.usage ? { usage: job.usage } : {}),
    // An unexpected error's message is internal: the code says enough to the client.
    error:
      job.error && job.error.code === 'INTERNAL'
        ? { ...job.error, message: 'The job failed on an unexpected error.' }
        : job.error,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    links: jobLinks(job),
  };
}

export const toJobAccepted = (job: AnalysisJob) => ({
  jobId: job.id,
  status: job.status,
  links: jobLinks(job),
});
