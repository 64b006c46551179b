import type { ChapterOutline, ChunkSpec } from '@storyboard/domain';
import { planChunks } from '@storyboard/domain';
import { HeuristicStoryboardGenerator, HeuristicTextAnalyzer } from '@storyboard/analysis';

/** The chunk size the benchmark plans with: a generous LLM context's worth of text. */
export const BENCH_CHUNK_CHARS = 60_000;

export interface Measurement {
  label: string;
  bytes: number;
  ms: number;
  /** Where `ms` went: ingest (decode, normalize, strip), outline (chapters, cast), generate (every
   * chunk's storyboard fragment). */
  phases: { ingestMs: number; outlineMs: number; generateMs: number };
  mbPerSecond: number;
  peakRssMb: number;
  chapters: number;
  chunks: number;
  panels: number;
  dialogueLines: number;
  cast: number;
}

/** ingest → outline → planChunks → generate every chunk: the whole heuristic pipeline. */
export async function measurePipeline(label: string, bytes: Uint8Array): Promise<Measurement> {
  const started = performance.now();
  const analyzer = new HeuristicTextAnalyzer();
  const generator = new HeuristicStoryboardGenerator();
  const ingested = await analyzer.ingest(bytes);
  const ingestedAt = performance.now();
  const outline = await analyzer.outline(ingested.text, ingested.language);
  const outlinedAt = performance.now();
  const chunks: ChunkSpec[] = planChunks(
    ingested.text,
    outline.chapters as ChapterOutline[],
    BENCH_CHUNK_CHARS,
  );
  let panels = 0;
  let dialogueLines = 0;
  for (const chunk of chunks) {
    const text = ingested.text.slice(chunk.span.start, chunk.span.end);
    const fragment = await generator.generate({
      chunk,
      text,
      language: ingested.language,
      cast: outline.cast,
    });
    for (const section of fragment.sections)
      for (const scene of section.scenes)
        for (const panel of scene.panels) {
          panels++;
          dialogueLines += panel.dialogue.length;
        }
  }
  const ms = performance.now() - started;
  return {
    label,
    bytes: bytes.length,
    ms: Math.round(ms),
    phases: {
      ingestMs: Math.round(ingestedAt - started),
      outlineMs: Math.round(outlinedAt - ingestedAt),
      generateMs: Math.round(started + ms - outlinedAt),
    },
    mbPerSecond: round(bytes.length / 1e6 / (ms / 1000)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    chapters: outline.chapters.length,
    chunks: chunks.length,
    panels,
    dialogueLines,
    cast: outline.cast.length,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
