import type { CastMember, ChapterOutline } from '../storyboard/chunk-plan.schema';
import type { Language } from '../storyboard/storyboard.schema';

export interface IngestedText {
  /** Decoded, normalized text (LF line ends, NFC) with front and back matter removed. */
  text: string;
  /** The encoding the bytes were read as, e.g. `utf-8`, `gb18030`, `utf-16le`. */
  encoding: string;
  language: Language;
  /** The title the file itself states (e.g. a `Title:` header line), or null. */
  title: string | null;
}

export interface NovelOutline {
  /** Top-level divisions in order, indexes 1…N, spans into the ingested text. */
  chapters: ChapterOutline[];
  /** The characters of the whole book, most-mentioned first, ids unique. */
  cast: CastMember[];
}

/** Reads raw uploaded bytes into text and finds the book's structure. Deterministic. */
export interface TextAnalyzer {
  /** Decodes and cleans the bytes. Throws `InvalidNovelTextError` for empty, binary or
   * undecodable input, with a message that says what was wrong. */
  ingest(bytes: Uint8Array): Promise<IngestedText>;

  /** Chapters and cast of an ingested text. Never returns zero chapters for non-empty text. */
  outline(text: string, language: Language): Promise<NovelOutline>;
}
