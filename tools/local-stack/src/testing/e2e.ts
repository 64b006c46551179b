import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { AnalysisJob, Storyboard } from '@storyboard/domain';
import { isTerminal } from '@storyboard/domain';
import { TOKENS } from '@storyboard/runtime';
import { FaultInjectingGenerator } from '@storyboard/domain/testing';
import { startLocalApp } from '../local-app';
import type { LocalApp, LocalAppOptions } from '../local-app';

export const E2E_USER = 'e2e-user';

/** The bundled English sample: small, four chapters, lots of dialogue. */
export const sampleBytes = async (): Promise<Uint8Array> =>
  new Uint8Array(
    await readFile(join(import.meta.dirname, '../../../../samples/en-the-lighthouse-keeper.txt')),
  );

/** Submits a novel and requests its analysis through the app's use cases. */
export async function submitAndRequest(app: LocalApp, bytes: Uint8Array): Promise<AnalysisJob> {
  const novel = await app.container
    .get(TOKENS.SubmitNovel)
    .execute({ ownerId: E2E_USER, title: 'The Lighthouse Keeper', bytes });
  return app.container
    .get(TOKENS.RequestAnalysis)
    .execute({ ownerId: E2E_USER, novelId: novel.id });
}

/** Polls the job until it ends (or `timeoutMs` passes, which fails the test). */
export async function waitForJob(
  app: LocalApp,
  jobId: string,
  timeoutMs = 60_000,
): Promise<AnalysisJob> {
  const getJob = app.container.get(TOKENS.GetJob);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getJob.execute({ ownerId: E2E_USER, jobId });
    if (isTerminal(job.status)) return job;
    if (Date.now() > deadline)
      throw new Error(`job ${jobId} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Messages received from the app's dead-letter queue within about `polls` seconds (1 s long
 * polls, until one arrives); 0 when none came. */
export async function dlqArrivals(app: LocalApp, polls = 30): Promise<number> {
  const stack = app.stack;
  if (!stack) throw new Error('dlqArrivals: this app runs without the local stack (no queues)');
  let dead = 0;
  for (let i = 0; i < polls && dead === 0; i++) {
    const { Messages } = await stack.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: stack.resources.dlqUrl,
        WaitTimeSeconds: 1,
        MaxNumberOfMessages: 1,
      }),
    );
    dead = Messages?.length ?? 0;
  }
  return dead;
}

export async function storyboardOf(app: LocalApp, jobId: string): Promise<Storyboard> {
  const page = await app.container.get(TOKENS.GetStoryboard).execute({ ownerId: E2E_USER, jobId });
  return page.storyboard;
}

/** A storyboard without what legitimately differs between runs (ids, timings). */
export function content(storyboard: Storyboard): unknown {
  return {
    ...storyboard,
    novel: { ...storyboard.novel, id: '' },
    stats: { ...storyboard.stats, durationMs: 0 },
  };
}

/** The storyboard an in-memory `sync` run makes of `bytes`: what every backend must match. */
export async function referenceStoryboard(
  bytes: Uint8Array,
  env: Record<string, string>,
): Promise<Storyboard> {
  const app = await startLocalApp({
    backend: 'sync',
    env: { ...env, SYNC_MAX_CHARS: '100000000' },
  });
  try {
    return await storyboardOf(app, (await submitAndRequest(app, bytes)).id);
  } finally {
    await app.close();
  }
}

/** Starts a local app whose real generator is wrapped in a FaultInjectingGenerator, so a test
 * can make chosen chunks crash, throttle or return bad output. */
export async function startFaultyApp(
  options: LocalAppOptions,
): Promise<{ app: LocalApp; generator: FaultInjectingGenerator }> {
  let generator: FaultInjectingGenerator | undefined;
  const app = await startLocalApp({
    ...options,
    overrides: (container) => {
      generator = new FaultInjectingGenerator(container.get(TOKENS.StoryboardGenerator));
      container.rebind(TOKENS.StoryboardGenerator).toConstantValue(generator);
    },
  });
  if (!generator) {
    await app.close();
    throw new Error('the generator override was not applied');
  }
  return { app, generator };
}
