import { ContainerModule } from 'inversify';
import {
  BackendRouter,
  FireAndForgetJobDispatcher,
  SyncJobDispatcher,
  type JobDispatcher,
  type RunJob,
} from '@storyboard/domain';
import { DurableJobDispatcher } from '@storyboard/aws/lambda';
import { SqsJobDispatcher } from '@storyboard/aws/sqs';
import { StepFunctionsJobDispatcher } from '@storyboard/aws/stepfunctions';
import type { BackendSettings } from '../config/config';
import type { AwsClients } from './aws.module';
import { TOKENS } from '../tokens';

/** A backend's dispatcher, or (sync, fire-and-forget: they run jobs in this process) how to
 * make it from the runner `createUseCases` builds. */
export type DispatcherSource = JobDispatcher | ((runJob: RunJob) => JobDispatcher);

export interface DispatchDeps {
  /** The SDK clients, created on first use (only the AWS backends need them). */
  aws: () => AwsClients;
  /** Where a fire-and-forget run reports an error nobody awaits. */
  onBackgroundError: (err: unknown, jobId: string) => void;
}

/** The one place a backend name becomes its dispatcher. */
export function dispatcherFor(settings: BackendSettings, deps: DispatchDeps): DispatcherSource {
  switch (settings.EXECUTION_BACKEND) {
    case 'sync':
      return (runJob) => new SyncJobDispatcher(runJob);
    case 'fire-and-forget':
      return (runJob) => new FireAndForgetJobDispatcher(runJob, deps.onBackgroundError);
    case 'sqs':
      return new SqsJobDispatcher({ client: deps.aws().sqs, queueUrl: settings.JOB_QUEUE_URL });
    case 'stepfunctions':
      return new StepFunctionsJobDispatcher({
        client: deps.aws().sfn,
        stateMachineArn: settings.STATE_MACHINE_ARN,
      });
    case 'durable':
      return new DurableJobDispatcher({
        client: deps.aws().lambda,
        functionArn: settings.DURABLE_FUNCTION_ARN,
      });
  }
}

/** Binds the dispatcher of every enabled backend (the default first): one backend's own
 * dispatcher, or a `BackendRouter` that sends each job to the backend stored on it. */
export const dispatchModule = (enabled: readonly BackendSettings[], deps: DispatchDeps) =>
  new ContainerModule(({ bind }) => {
    const sources = enabled.map((settings) => dispatcherFor(settings, deps));
    const make = (runJob: RunJob) =>
      sources.map((source) => (typeof source === 'function' ? source(runJob) : source));
    bind(TOKENS.Dispatch).toConstantValue(
      sources.length === 1 && sources[0]
        ? sources[0]
        : (runJob: RunJob) => new BackendRouter(make(runJob)),
    );
  });

/** The dispatcher of `backend` inside what `dispatchModule` bound (itself when it serves
 * one backend), or undefined when that backend is not enabled. */
export function enabledDispatcher(
  dispatcher: JobDispatcher,
  backend: JobDispatcher['backend'],
): JobDispatcher | undefined {
  if (dispatcher instanceof BackendRouter) {
    return dispatcher.backends.includes(backend) ? dispatcher.dispatcherFor(backend) : undefined;
  }
  return dispatcher.backend === backend ? dispatcher : undefined;
}
