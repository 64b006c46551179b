import { hostname } from 'node:os';
import type { Container } from 'inversify';
import type { SweepReport } from '@storyboard/domain';
import type { SweepStalledJobs } from '@storyboard/domain';
import type { AppConfig } from '../config/config';
import type { Logger } from '../logger';
import { TOKENS } from '../tokens';

/** Who holds leases taken by this process: the Lambda log stream (one per environment) or
 * host and pid, so a stalled job's message can say which worker went quiet. */
export const leaseOwnerId = (): string =>
  process.env.AWS_LAMBDA_LOG_STREAM_NAME ?? `${hostname()}:${process.pid}`;

/** The sweeper use case over a composed container: re-dispatches through its dispatcher. */
export function sweeperFor(container: Container, _config?: AppConfig): SweepStalledJobs {
  const sweeper = container.get(TOKENS.SweepStalledJobs);
  if (!sweeper)
    throw new Error(
      'The container has no sweeper: its use cases were built without a sweep policy.',
    );
  return sweeper;
}

/** The scheduled sweeper Lambda (EventBridge Scheduler, every minute): one sweep, logged. */
export function createSweeperHandler(sweeper: SweepStalledJobs, logger: Logger) {
  return async (): Promise<SweepReport> => {
    const report = await sweeper.execute();
    const summary = {
      redispatched: report.redispatched.length,
      failed: report.failed.length,
      dispatchErrors: report.dispatchErrors.length,
    };
    if (report.dispatchErrors.length) {
      logger.error('sweep: some re-dispatches failed', {
        ...summary,
        errors: report.dispatchErrors,
      });
    } else {
      logger.info('sweep done', summary);
    }
    return report;
  };
}
