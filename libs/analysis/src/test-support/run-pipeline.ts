import type {
  CastMember,
  ChapterOutline,
  ChunkSpec,
  Fragment,
  IngestedText,
} from '@storyboard/domain';
import { planChunks } from '@storyboard/domain';
import { HeuristicStoryboardGenerator } from '../heuristic-storyboard-generator';
import { HeuristicTextAnalyzer } from '../heuristic-text-analyzer';

export interface PipelineResult {
  ingested: IngestedText;
  chapters: ChapterOutline[];
  cast: CastMember[];
  chunks: ChunkSpec[];
  fragments: Fragment[];
}

/** ingest → outline → planChunks → generate every chunk, as the job pipeline does. */
export async function runPipeline(
  bytes: Uint8Array,
  maxChunkChars = 60_000,
): Promise<PipelineResult> {
  const analyzer = new HeuristicTextAnalyzer();
  const generator = new HeuristicStoryboardGenerator();
  const ingested = await analyzer.ingest(bytes);
  const { chapters, cast } = await analyzer.outline(ingested.text, ingested.language);
  const chunks = planChunks(ingested.text, chapters, maxChunkChars);
  const fragments: Fragment[] = [];
  for (const chunk of chunks) {
    const text = ingested.text.slice(chunk.span.start, chunk.span.end);
    fragments.push(await generator.generate({ chunk, text, language: ingested.language, cast }));
  }
  return { ingested, chapters, cast, chunks, fragments };
}
