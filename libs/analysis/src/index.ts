export { HeuristicTextAnalyzer } from './heuristic-text-analyzer';
export { HeuristicStoryboardGenerator, storyboardSection } from './heuristic-storyboard-generator';
export { ingestBytes } from './ingest/ingest';
export { decodeBytes, type DecodedText } from './ingest/decode';
export { normalizeText } from './ingest/normalize';
export { stripBoilerplate } from './ingest/boilerplate';
export { detectLanguage } from './ingest/language';
export { outlineChapters, findStructure, bodyStart } from './structure/chapters';
export {
  findHeadingCandidates,
  dropTableOfContents,
  type Heading,
  type HeadingKind,
} from './structure/headings';
export { splitParagraphs } from './structure/paragraphs';
export { splitScenes, type SceneSlice } from './structure/scenes';
export { findQuotes, type Quote } from './dialogue/quotes';
export { attributeSpeakers } from './dialogue/speakers';
export { buildCast, type RankedCastMember } from './characters/cast';
export { extractEnglishNames } from './characters/english-names';
export { extractChineseNames } from './characters/chinese-names';
export { MentionMatcher, MentionIndex, PrefixScanner, type Mention } from './characters/mentions';
export { buildPanels } from './panels/panels';
export { chooseShot } from './panels/shots';
