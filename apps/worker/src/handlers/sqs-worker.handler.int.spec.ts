import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalStack } from '@storyboard/local-stack';
import { startLocalStack, startSqsEventSource } from '@storyboard/local-stack';
import { sampleBytes, waitForJob, submitAndRequest } from '@storyboard/local-stack/testing';
import { composeApp, parseConfig } from '@storyboard/runtime';

let stack: LocalStack;
const saved = { ...process.env };

beforeAll(async () => {
  stack = await startLocalStack();
  // The Lambda module reads its whole configuration from the environment, as on AWS.
  Object.assign(process.env, stack.env, { EXECUTION_BACKEND: 'sqs', LOG_LEVEL: 'SILENT' });
});

afterAll(async () => {
  process.env = saved;
  await stack.stop();
});

it('the deployed handler module, configured only by env, completes a job from the queue', async () => {
  const { handler } = await import('./sqs-worker.handler');
  const source = await startSqsEventSource({
    sqs: stack.clients.sqs,
    queueUrl: stack.resources.queueUrl,
    handler,
    batchSize: 1,
  });
  try {
    // The API side, also built from env only (SDK clients find the emulators through
    // AWS_ENDPOINT_URL_*).
    const config = parseConfig(process.env);
    const api = { config, container: composeApp(config), close: async () => {} };
    const job = await waitForJob(api, (await submitAndRequest(api, await sampleBytes())).id);
    expect(job).toMatchObject({ status: 'completed', backend: 'sqs' });
    expect(source.stats.deleted).toBeGreaterThanOrEqual(1);
  } finally {
    await source.stop();
  }
});
