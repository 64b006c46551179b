import type { AnalysisJob, JobRepository } from '@storyboard/domain';
import { isTerminal } from '@storyboard/domain';
import type { LocalApp } from '@storyboard/local-stack';

const POLL_MS = 100;

/** Says what the data folder's earlier run left unfinished and what was done with it (the
 * local app re-dispatched or failed those jobs at start). Returns the re-dispatched ids. */
export function announceRecovery(app: LocalApp, write: (text: string) => unknown): string[] {
  const recovered = app.recovered;
  if (!recovered) return [];
  const { redispatched, failed, dispatchErrors, crashedRun } = recovered;
  const total = redispatched.length + failed.length + dispatchErrors.length;
  if (crashedRun) {
    write(
      `The last run on this data folder (pid ${crashedRun.pid}, started ${crashedRun.startedAt}) did not stop cleanly.\n`,
    );
  }
  if (total === 0) return [];
  write(
    `Earlier jobs left unfinished: ${total}. Resuming ${redispatched.length} from their saved chunks` +
      `${failed.length ? `, failed ${failed.length} (JOB.STALLED: stalled too often)` : ''}` +
      `${dispatchErrors.length ? `, ${dispatchErrors.length} could not be re-dispatched (the sweeper tries again)` : ''}.\n`,
  );
  return redispatched;
}

/** Waits for the resumed jobs to end and prints each one's outcome. */
export async function finishRecovered(
  jobs: JobRepository,
  ids: readonly string[],
  write: (text: string) => unknown,
): Promise<void> {
  for (const id of ids) {
    let job: AnalysisJob | undefined;
    for (;;) {
      job = await jobs.get(id);
      if (!job || isTerminal(job.status)) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    if (!job) continue;
    const detail = job.error ? ` (${job.error.code}: ${job.error.message})` : '';
    write(`Earlier job ${id}: ${job.status}${detail}\n`);
  }
}
