import { afterAll, beforeAll, expect, it } from 'vitest';
import { FAIL_STEP, PIPELINE } from '@storyboard/domain';
import { buildStateMachineDefinition } from '@storyboard/aws/stepfunctions';
import type { TaskName } from '@storyboard/aws/stepfunctions';
import type { LocalStack } from '@storyboard/local-stack';
import { startLocalStack } from '@storyboard/local-stack';
import { sampleBytes, submitAndRequest, waitForJob } from '@storyboard/local-stack/testing';
import { composeApp, parseConfig } from '@storyboard/runtime';

const arn = (task: TaskName) => `arn:aws:lambda:us-east-1:000000000000:function:storyboard-${task}`;
let stack: LocalStack;
const saved = { ...process.env };

beforeAll(async () => {
  stack = await startLocalStack({
    stepFunctions: {
      retryIntervalMs: 10,
      stateMachine: {
        definition: buildStateMachineDefinition({
          taskResource: arn,
          maxConcurrency: 2,
          retry: { intervalSeconds: 1, maxAttempts: 3, backoffRate: 2 },
        }),
      },
    },
  });
  Object.assign(process.env, stack.env, {
    EXECUTION_BACKEND: 'stepfunctions',
    LOG_LEVEL: 'SILENT',
  });
});

afterAll(async () => {
  process.env = saved;
  await stack.stop();
});

it('the deployed handler modules, configured only by env, run a whole execution', async () => {
  const tasks: TaskName[] = [...PIPELINE.map((s) => s.name), FAIL_STEP];
  const modules = {
    prepare: await import('./prepare.handler'),
    'analyze-chunk': await import('./analyze-chunk.handler'),
    assemble: await import('./assemble.handler'),
    complete: await import('./complete.handler'),
    fail: await import('./fail.handler'),
  };
  stack.stepFunctions.setTaskHandlers(
    Object.fromEntries(tasks.map((t) => [arn(t), modules[t].handler])),
  );
  const config = parseConfig(process.env);
  const api = { config, container: composeApp(config), close: async () => {} };
  const job = await waitForJob(api, (await submitAndRequest(api, await sampleBytes())).id);
  expect(job).toMatchObject({ status: 'completed', backend: 'stepfunctions' });
});
