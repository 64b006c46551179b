import { describe, expect, it } from 'vitest';
import { measurePipeline } from './measure';

describe('measurePipeline', () => {
  it('runs the whole pipeline and reports sizes and counts', async () => {
    const text =
      'CHAPTER I. One\n\n“Hello,” said Ann.\n\nCHAPTER II. Two\n\n“Goodbye,” said Ann. Ann left. Ann was gone.\n';
    const bytes = new TextEncoder().encode(text);
    const m = await measurePipeline('tiny', bytes);
    expect(m).toMatchObject({
      label: 'tiny',
      bytes: bytes.length,
      chapters: 2,
      chunks: 1,
      dialogueLines: 2,
    });
    expect(m.peakRssMb).toBeGreaterThan(0);
    const { ingestMs, outlineMs, generateMs } = m.phases;
    // The phases are the whole run, each rounded on its own.
    expect(Math.abs(ingestMs + outlineMs + generateMs - m.ms)).toBeLessThanOrEqual(2);
  });
});
