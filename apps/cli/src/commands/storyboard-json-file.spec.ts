import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storyboard } from '@storyboard/domain';
import { writeStoryboardJson } from './storyboard-json-file';

/** A storyboard-shaped value with `n` chapters; the writer only cares about the JSON shape. */
function storyboard(n: number): Storyboard {
  return {
    novel: { title: 'A "quoted"\ntitle', language: 'en', encoding: 'utf-8', length: 42 },
    chapters: Array.from({ length: n }, (_, i) => ({
      index: i + 1,
      title: `Chapter ${i + 1}: "chapters": []`,
      scenes: [
        { index: 1, panels: [{ index: 1, dialogue: [{ speaker: null, text: 'Hi,\nthere' }] }] },
      ],
    })),
    stats: { chapters: n },
  } as unknown as Storyboard;
}

async function* pages(whole: Storyboard, size: number): AsyncGenerator<Storyboard> {
  for (let i = 0; i === 0 || i < whole.chapters.length; i += size)
    yield { ...whole, chapters: whole.chapters.slice(i, i + size) };
}

describe('writeStoryboardJson', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sb-json-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [5, 2],
    [5, 5],
    [1, 20],
    [0, 20],
  ])(
    '%i chapters in pages of %i: the bytes of JSON.stringify(storyboard, null, 2)',
    async (n, size) => {
      const whole = storyboard(n);
      const path = join(dir, 'out.json');
      const first = await writeStoryboardJson(path, pages(whole, size));
      expect(await readFile(path, 'utf8')).toBe(`${JSON.stringify(whole, null, 2)}\n`);
      expect(first.novel).toEqual(whole.novel);
    },
  );

  it('rejects, without crashing the process, when the file cannot be written', async () => {
    const path = join(dir, 'no-such-folder', 'out.json');
    async function* slowly(): AsyncGenerator<Storyboard> {
      for await (const page of pages(storyboard(6), 2)) {
        await new Promise((r) => setTimeout(r, 20)); // pages come from I/O
        yield page;
      }
    }
    await expect(writeStoryboardJson(path, slowly())).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });

  it('refuses a storyboard with no page', async () => {
    async function* none(): AsyncGenerator<Storyboard> {}
    await expect(writeStoryboardJson(join(dir, 'none.json'), none())).rejects.toThrow(/no page/);
  });
});
