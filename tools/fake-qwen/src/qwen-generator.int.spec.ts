// QwenStoryboardGenerator (libs/llm) against fake-qwen over real HTTP on 127.0.0.1. The tests
// live here because the generator is an adapter and may not import a tool.
import type { Fragment } from '@storyboard/domain';
import { FragmentSchema } from '@storyboard/domain';
import { QwenStoryboardGenerator } from '@storyboard/llm';
import { fakeTiming } from '@storyboard/llm/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeQwen, type FakeQwen, type FakeQwenOptionsInput } from './index';
import {
  CORPUS_PRESENT,
  CORPUS_SKIP_MESSAGE,
  generatorInputs,
  readCorpus,
  readSample,
} from './test-support';
import { TokenBucket } from '@storyboard/llm';

const KEY = 'test-key-0001';
let fake: FakeQwen | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(options: FakeQwenOptionsInput = {}) {
  fake = await startFakeQwen({ apiKey: KEY, ...options });
  const timing = fakeTiming();
  const generator = new QwenStoryboardGenerator(
    { apiKey: KEY, baseURL: fake.url, model: 'qwen-plus', maxRetries: 3, timeoutMs: 5_000 },
    { timing, random: () => 0, bucket: new TokenBucket(100_000, 1_000) },
  );
  return { fake, generator, timing };
}

/** Every fragment valid, every span inside its chunk section, every anchor resolved. */
function expectWellAnchored(
  fragments: Fragment[],
  inputs: Awaited<ReturnType<typeof generatorInputs>>['inputs'],
  text: string,
) {
  for (const [i, fragment] of fragments.entries()) {
    expect(FragmentSchema.parse(fragment)).toEqual(fragment);
    const chunk = inputs[i]?.chunk;
    expect(fragment.sections.map((s) => [s.chapterIndex, s.part])).toEqual(
      chunk?.sections.map((s) => [s.chapterIndex, s.part]),
    );
    for (const [k, section] of fragment.sections.entries()) {
      const span = chunk?.sections[k]?.span ?? { start: 0, end: 0 };
      for (const scene of section.scenes) {
        for (const s of [scene.span, ...scene.panels.map((p) => p.span)]) {
          expect(s.start).toBeGreaterThanOrEqual(span.start);
          expect(s.end).toBeLessThanOrEqual(span.end);
        }
        for (const panel of scene.panels) {
          // A panel starts on the words its anchor quoted, never on blank space.
          expect(text[panel.span.start]).toMatch(/\S/u);
          const source = text.slice(panel.span.start, panel.span.end);
          for (const line of panel.dialogue) expect(source).toContain(line.text);
        }
      }
    }
  }
}

describe('QwenStoryboardGenerator on fake-qwen', () => {
  it.each([
    ['en', 'en-the-lighthouse-keeper.txt', 3_000],
    ['zh', 'zh-the-paper-crane.txt', 2_000],
  ])(
    'storyboards the %s sample: valid fragments, every anchor resolved, usage reported',
    async (language, file, max) => {
      const { fake, generator } = await setup();
      const { inputs, text } = await generatorInputs(readSample(file), max);
      expect(inputs[0]?.language).toBe(language);
      expect(inputs.length).toBeGreaterThan(1);
      const fragments = [];
      for (const input of inputs) fragments.push(await generator.generate(input));
      expectWellAnchored(fragments, inputs, text);
      expect(generator.warnings).toMatchObject({
        unresolvedPanelAnchors: 0,
        unresolvedSceneAnchors: 0,
        reasks: 0,
      });
      expect(fake.requests).toHaveLength(inputs.length);
      const panels = fragments.flatMap((f) =>
        f.sections.flatMap((s) => s.scenes.flatMap((sc) => sc.panels)),
      );
      expect(panels.length).toBeGreaterThan(inputs.length);
      expect(panels.some((p) => p.dialogue.some((d) => d.speaker !== null))).toBe(true);
      // Usage is what the service reported, chunk by chunk.
      for (const [i, f] of fragments.entries()) {
        expect(f.usage).toEqual({
          promptTokens: fake.requests[i]?.promptTokens,
          completionTokens: fake.requests[i]?.completionTokens,
        });
        expect(f.usage?.promptTokens).toBeGreaterThan(0);
      }
      expect(fragments[0]?.generator).toBe('qwen:qwen-plus');
    },
  );

  describe.skipIf(!CORPUS_PRESENT)('corpus', () => {
    it.each([
      ['Alice, chapter 1', 'en-alice-in-wonderland.txt', 8_000, 3],
      ['西游记, 第一回 (GB18030)', 'zh-journey-to-the-west-ch1-3.gb18030.txt', 4_000, 3],
    ])('%s: every anchor resolves inside its chunk', async (_, file, max, take) => {
      const { generator } = await setup();
      const { inputs, text, cast } = await generatorInputs(readCorpus(file), max);
      expect(cast.length).toBeGreaterThan(2);
      const some = inputs.slice(0, take);
      const fragments = [];
      for (const input of some) fragments.push(await generator.generate(input));
      expectWellAnchored(fragments, some, text);
      expect(generator.warnings).toMatchObject({
        unresolvedPanelAnchors: 0,
        unresolvedSceneAnchors: 0,
      });
      const ids = new Set(cast.map((c) => c.id));
      const speakers = fragments.flatMap((f) =>
        f.sections.flatMap((s) =>
          s.scenes.flatMap((sc) => sc.panels.flatMap((p) => p.dialogue.map((d) => d.speaker))),
        ),
      );
      expect(speakers.filter((s) => s !== null).length).toBeGreaterThan(0);
      for (const s of speakers) if (s !== null) expect(ids.has(s)).toBe(true);
    });
  });
  if (!CORPUS_PRESENT) it.skip(CORPUS_SKIP_MESSAGE, () => undefined);
});
