import type { CastMember, ChapterOutline, Language } from '@storyboard/domain';
import { DescriptionResolver } from '../characters/descriptions';
import { MentionIndex, MentionMatcher } from '../characters/mentions';
import { sectionOpenSpeaker, sectionOpensWithQuote } from './section-dialogue';

/**
 * The chapters with `openSpeaker` set where a story told over a chapter break runs on into the
 * chapter (it opens with a quote and the previous chapter ended with its teller still speaking):
 * the same carry the generator makes inside one chunk, found over the whole book so that a chunk
 * opening with such a chapter knows its teller. English only; only the chapters before one that
 * opens with a quote are read.
 */
export function withOpenSpeakers(
  text: string,
  chapters: readonly ChapterOutline[],
  cast: readonly CastMember[],
  language: Language,
): ChapterOutline[] {
  if (language === 'zh' || cast.length === 0) return [...chapters];
  let matcher: MentionMatcher | undefined;
  let descriptions: DescriptionResolver | undefined;
  let carried: string | null = null;
  return chapters.map((chapter, i) => {
    const into = carried;
    carried = null;
    const next = chapters[i + 1];
    if (next && sectionOpensWithQuote(text, next.span.start, next.span.end, next.title)) {
      matcher ??= new MentionMatcher(cast, language, true);
      descriptions ??= new DescriptionResolver(cast);
      const { start, end } = chapter.span;
      const found = matcher.find(text, start, end);
      const index = new MentionIndex(descriptions.add(text, start, end, found));
      carried = sectionOpenSpeaker(text, start, end, chapter.title, index, language, into);
    }
    return into ? { ...chapter, openSpeaker: into } : chapter;
  });
}
