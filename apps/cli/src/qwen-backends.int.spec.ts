import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChunkPlan, Storyboard } from '@storyboard/domain';
import { StoryboardSchema } from '@storyboard/domain';
import type { QwenStoryboardGenerator } from '@storyboard/llm';
import type { LocalApp } from '@storyboard/local-stack';
import { startLocalApp } from '@storyboard/local-stack';
import { storyboardOf, submitAndRequest, waitForJob } from '@storyboard/local-stack/testing';
import { TOKENS } from '@storyboard/runtime';
import type { FakeQwen } from '@storyboard/fake-qwen';
import { startFakeQwen } from '@storyboard/fake-qwen';

const CORPUS = join(import.meta.dirname, '../../../../shared/corpus');
const ALICE = join(CORPUS, 'en-alice-in-wonderland.txt');
const JOURNEY = join(CORPUS, 'zh-journey-to-the-west-ch1-3.gb18030.txt');
const KEY = 'sk-e2e-qwen-0123456789abcdef';
const BASE = { LOG_LEVEL: 'SILENT', SYNC_MAX_CHARS: '100000000' };
const qwenEnv = (fake: FakeQwen, extra: Record<string, string> = {}) => ({
  ...BASE,
  GENERATOR: 'qwen',
  LLM_BASE_URL: fake.url,
  QWEN_API_KEY: KEY,
  LLM_REQUESTS_PER_MINUTE: '100000',
  ...extra,
});

/** The chapter outline: what must not depend on the generator. */
const outline = (s: Storyboard) => s.chapters.map((c) => ({ title: c.title, span: c.span }));

/** Every scene and panel span lies inside one chunk of the plan (anchors resolved there). */
function expectSpansInsideChunks(storyboard: Storyboard, plan: ChunkPlan): void {
  const inside = (span: { start: number; end: number }) =>
    plan.chunks.some((c) => span.start >= c.span.start && span.end <= c.span.end);
  for (const chapter of storyboard.chapters) {
    for (const scene of chapter.scenes) {
      expect(inside(scene.span)).toBe(true);
      for (const panel of scene.panels) expect(inside(panel.span)).toBe(true);
    }
  }
}

async function runQwen(app: LocalApp, bytes: Uint8Array) {
  const job = await waitForJob(app, (await submitAndRequest(app, bytes)).id, 180_000);
  expect(job.error).toBeNull();
  expect(job.status).toBe('completed');
  const storyboard = StoryboardSchema.parse(await storyboardOf(app, job.id));
  const plan = await app.container.get(TOKENS.StoryboardRepository).getPlan(job.id);
  if (!plan) throw new Error('no plan');
  const generator = app.container.get(TOKENS.StoryboardGenerator) as QwenStoryboardGenerator;
  return { job, storyboard, plan, generator };
}

for (const [name, file, chapters] of [
  ['Alice', ALICE, 12],
  ['西游记 ch1–3', JOURNEY, 3],
] as const) {
  describe.skipIf(!existsSync(file))(
    `${name} with GENERATOR=qwen on fake-qwen (needs ../shared/corpus)`,
    { timeout: 180_000 },
    () => {
      let bytes: Uint8Array;
      let heuristic: Storyboard;
      let fake: FakeQwen;
      const apps: LocalApp[] = [];

      beforeAll(async () => {
        bytes = new Uint8Array(await readFile(file));
        fake = await startFakeQwen({ apiKey: KEY });
        const memory = await startLocalApp({ backend: 'sync', env: BASE });
        apps.push(memory);
        heuristic = await storyboardOf(memory, (await submitAndRequest(memory, bytes)).id);
      });

      afterAll(async () => {
        await Promise.all(apps.map((app) => app.close()));
        await fake.close();
      });

      for (const backend of ['sync', 'sqs', 'stepfunctions'] as const) {
        it(`${backend}: completes, same chapter outline as the heuristic run, every span in its chunk`, async () => {
          const before = fake.requests.length;
          // sqs reads the key from the emulated Secrets Manager, as on Lambda.
          const app = await startLocalApp({
            backend,
            env: qwenEnv(fake),
            useStack: true,
            keyInSecretsManager: backend === 'sqs',
          });
          apps.push(app);
          if (backend === 'sqs')
            expect(app.config.QWEN_SECRET_ARN).toMatch(/^arn:aws:secretsmanager:/);
          const { job, storyboard, plan, generator } = await runQwen(app, bytes);
          expect(storyboard.chapters).toHaveLength(chapters);
          expect(outline(storyboard)).toEqual(outline(heuristic));
          expect(storyboard.stats.generator).toBe('qwen');
          expectSpansInsideChunks(storyboard, plan);
          // One call per chunk (no faults), each reported usage summed into stats and the job.
          const calls = fake.requests.slice(before);
          expect(calls).toHaveLength(plan.chunks.length);
          const promptTokens = calls.reduce((n, r) => n + (r.promptTokens ?? 0), 0);
          expect(storyboard.stats.usage?.promptTokens).toBe(promptTokens);
          expect(job.usage?.promptTokens).toBe(promptTokens);
          expect(job.usage?.completionTokens).toBe(storyboard.stats.usage?.completionTokens);
          expect(job.usage?.estimatedCostUsd).toBeGreaterThan(0);
          if ('warnings' in generator) {
            expect(generator.warnings.unresolvedPanelAnchors).toBe(0);
            expect(generator.warnings.unresolvedSceneAnchors).toBe(0);
          }
        });
      }
    },
  );
}
