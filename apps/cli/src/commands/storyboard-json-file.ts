import { open } from 'node:fs/promises';
import type { Storyboard } from '@storyboard/domain';

/** Where a storyboard's chapter list sits in `JSON.stringify(…, null, 2)` of the storyboard
 * with no chapters: a string value cannot hold a raw newline, so this text is the key itself. */
const EMPTY_CHAPTERS = '\n  "chapters": []';
/** A chapter's indent inside the top-level `chapters` array. */
const CHAPTER_INDENT = '    ';

/**
 * Writes a storyboard to `path` exactly as `JSON.stringify(storyboard, null, 2)` plus a newline
 * would, from its pages (each the same header with some of the chapters, in order), one page
 * at a time: a book of any size is written without holding all its chapters in memory.
 * Returns the first page (its header is the storyboard's).
 */
export async function writeStoryboardJson(
  path: string,
  pages: AsyncIterable<Storyboard>,
): Promise<Storyboard> {
  const file = await open(path, 'w');
  try {
    let first: Storyboard | undefined;
    let suffix = '';
    let written = 0;
    for await (const page of pages) {
      if (!first) {
        first = page;
        const head = JSON.stringify({ ...page, chapters: [] }, null, 2);
        const at = head.indexOf(EMPTY_CHAPTERS);
        await file.write(`${head.slice(0, at)}\n  "chapters": [`);
        suffix = head.slice(at + EMPTY_CHAPTERS.length);
      }
      const parts = page.chapters.map(
        (chapter, i) =>
          `${written + i > 0 ? ',' : ''}\n${CHAPTER_INDENT}${JSON.stringify(chapter, null, 2).replaceAll('\n', `\n${CHAPTER_INDENT}`)}`,
      );
      written += page.chapters.length;
      if (parts.length) await file.write(parts.join(''));
    }
    if (!first) throw new Error('The storyboard has no page to write.');
    await file.write(`${written > 0 ? '\n  ]' : ']'}${suffix}\n`);
    return first;
  } finally {
    await file.close();
  }
}
