import aslValidator from 'asl-validator';
import { PIPELINE, RETRYABLE_ERROR_NAMES } from '@storyboard/domain';
import { EXTENDED_PIPELINE, EXTRA_STEP } from '@storyboard/domain/testing';
import { describe, expect, it } from 'vitest';
import type { AslState, StateMachineDefinitionOptions, TaskName } from './state-machine-definition';
import {
  FAILED_STATE,
  MARK_FAILED_STATE,
  buildStateMachineDefinition,
  mapStateName,
  taskStateName,
} from './state-machine-definition';

const options: StateMachineDefinitionOptions = {
  taskResource: (task) => `arn:aws:lambda:us-east-1:123456789012:function:storyboard-${task}`,
  maxConcurrency: 4,
  retry: { intervalSeconds: 2, maxAttempts: 3, backoffRate: 2 },
};

/** The main path: follow `Next` from `StartAt` to the state with `End`. */
function mainPath(definition: { StartAt: string; States: Record<string, AslState> }): string[] {
  const path: string[] = [];
  let name: string | undefined = definition.StartAt;
  while (name) {
    path.push(name);
    const state: AslState | undefined = definition.States[name];
    name = state?.End ? undefined : (state?.Next as string | undefined);
  }
  return path;
}

describe('buildStateMachineDefinition', () => {
  it('is valid Amazon States Language', () => {
    const result = aslValidator(buildStateMachineDefinition(options));
    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
  });

  it('runs the pipeline steps in order, a Map for each per-chunk step', () => {
    const definition = buildStateMachineDefinition(options);
    expect(mainPath(definition)).toEqual(
      PIPELINE.map((s) => (s.perChunk ? mapStateName(s.name) : taskStateName(s.name))),
    );
    expect(mainPath(definition)).toEqual(['Prepare', 'AnalyzeChunks', 'Assemble', 'Complete']);
  });

  it('generates a state for a step added to the pipeline, in its place', () => {
    const definition = buildStateMachineDefinition({ ...options, pipeline: EXTENDED_PIPELINE });
    expect(aslValidator(definition).isValid).toBe(true);
    expect(mainPath(definition)).toEqual([
      'Prepare',
      'AnalyzeChunks',
      'Assemble',
      taskStateName(EXTRA_STEP),
      'Complete',
    ]);
    expect(definition.States[taskStateName(EXTRA_STEP)]).toMatchObject({
      Type: 'Task',
      Resource: options.taskResource(EXTRA_STEP as TaskName),
      Catch: [{ ErrorEquals: ['States.ALL'], Next: MARK_FAILED_STATE }],
    });
  });

  it('maps over the chunk indexes prepare returns, giving each iteration {jobId, chunkIndex}', () => {
    const { States } = buildStateMachineDefinition(options);
    expect(States.Prepare).not.toHaveProperty('ResultPath');
    expect(States.Assemble?.ResultPath).toBeNull();
    const map = States.AnalyzeChunks;
    expect(map).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.chunkIndexes',
      ItemSelector: { 'jobId.$': '$.jobId', 'chunkIndex.$': '$$.Map.Item.Value' },
      MaxConcurrency: 4,
      ResultPath: null,
    });
    expect(map?.ItemProcessor).toMatchObject({
      StartAt: 'AnalyzeChunk',
      States: {
        AnalyzeChunk: { Type: 'Task', Resource: options.taskResource('analyze-chunk'), End: true },
      },
    });
  });

  it('retries every task on its step’s retryable error names with backoff', () => {
    const { States } = buildStateMachineDefinition(options);
    const inner = (States.AnalyzeChunks?.ItemProcessor as { States: Record<string, AslState> })
      .States.AnalyzeChunk;
    for (const state of [States.Prepare, inner, States.Assemble, States.Complete]) {
      expect((state?.Retry as unknown[])[0]).toEqual({
        ErrorEquals: [...RETRYABLE_ERROR_NAMES],
        IntervalSeconds: 2,
        MaxAttempts: 3,
        BackoffRate: 2,
      });
    }
  });

  it('retries every task, MarkFailed included, when its Lambda environment dies (Runtime.ExitError)', () => {
    const { States } = buildStateMachineDefinition(options);
    const inner = (States.AnalyzeChunks?.ItemProcessor as { States: Record<string, AslState> })
      .States.AnalyzeChunk;
    const tasks = [
      States.Prepare,
      inner,
      States.Assemble,
      States.Complete,
      States[MARK_FAILED_STATE],
    ];
    for (const state of tasks) {
      const retriers = state?.Retry as { ErrorEquals: string[] }[];
      expect(retriers.some((r) => r.ErrorEquals.includes('Runtime.ExitError'))).toBe(true);
    }
  });

  it('catches everything into MarkFailed, which calls the fail task and ends in Fail', () => {
    const { States } = buildStateMachineDefinition(options);
    for (const name of ['Prepare', 'AnalyzeChunks', 'Assemble', 'Complete']) {
      expect(States[name]?.Catch).toEqual([
        { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: MARK_FAILED_STATE },
      ]);
    }
    expect(States[MARK_FAILED_STATE]).toMatchObject({
      Type: 'Task',
      Resource: options.taskResource('fail'),
      Parameters: { 'jobId.$': '$.jobId', 'error.$': '$.error' },
      Next: FAILED_STATE,
    });
    expect(States[FAILED_STATE]?.Type).toBe('Fail');
  });

  it('passes ids only to every task', () => {
    const { States } = buildStateMachineDefinition(options);
    for (const name of ['Prepare', 'Assemble', 'Complete']) {
      expect(States[name]?.Parameters).toEqual({ 'jobId.$': '$.jobId' });
    }
  });
});
