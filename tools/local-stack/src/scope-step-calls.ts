import type { Container } from 'inversify';
import type { ChunkProgress, JobSteps } from '@storyboard/domain';
import type { SdkCallCounter } from '@storyboard/aws/metrics';
import { TOKENS } from '@storyboard/runtime';

/** JobSteps methods → the pipeline step their calls are counted under. */
const SCOPES = {
  prepare: 'prepare',
  analyzeChunk: 'analyze-chunk',
  analyzePlannedChunk: 'analyze-chunk',
  assemble: 'assemble',
  complete: 'complete',
  fail: 'fail',
} as const satisfies Partial<Record<keyof JobSteps, string>>;

type Method = (...args: unknown[]) => unknown;

/**
 * Makes the container's JobSteps count each method's SDK calls under its pipeline step, so
 * a job's calls can be read per step (and per chunk). The methods are wrapped on the
 * instance itself, so every holder (the runner, the task handlers) is measured; measurement
 * only: each wrapper calls the method it replaces.
 */
export function scopeStepCalls(container: Container, counter: SdkCallCounter): void {
  const steps = container.get(TOKENS.JobSteps);
  for (const [name, scope] of Object.entries(SCOPES)) wrap(steps, name, scope, counter);
  const chunkProgress = steps.chunkProgress.bind(steps);
  // The runner's progress writes happen later, from the object this returns.
  steps.chunkProgress = (...args) => {
    const progress: ChunkProgress = chunkProgress(...args);
    for (const name of ['chunkDone', 'flush']) wrap(progress, name, 'analyze-chunk', counter);
    return progress;
  };
}

function wrap(target: object, name: string, scope: string, counter: SdkCallCounter): void {
  const record = target as Record<string, unknown>;
  const method = (record[name] as Method).bind(target);
  record[name] = (...args: unknown[]) => counter.inScope(scope, () => method(...args));
}
