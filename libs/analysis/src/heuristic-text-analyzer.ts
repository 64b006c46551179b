import type { IngestedText, Language, NovelOutline, TextAnalyzer } from '@storyboard/domain';
import { buildCast } from './characters/cast';
import { withOpenSpeakers } from './dialogue/chapter-carry';
import { ingestBytes } from './ingest/ingest';
import { outlineChapters } from './structure/chapters';

/** Deterministic text analysis: decoding and cleaning, chapters, and the book's cast. */
export class HeuristicTextAnalyzer implements TextAnalyzer {
  async ingest(bytes: Uint8Array): Promise<IngestedText> {
    return ingestBytes(bytes);
  }

  async outline(text: string, language: Language): Promise<NovelOutline> {
    const chapters = outlineChapters(text);
    const starts = chapters.map((c) => c.span.start);
    const cast = buildCast(text, language, starts).map(({ id, name, aliases }) => ({
      id,
      name,
      aliases,
    }));
    return { chapters: withOpenSpeakers(text, chapters, cast, language), cast };
  }
}
