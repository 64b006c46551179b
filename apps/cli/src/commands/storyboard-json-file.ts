import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Storyboard } from '@storyboard/domain';

/** Where a storyboard's chapter list sits in `JSON.stringify(…, null, 2)` of the storyboard
 * with no chapters: a string value cannot hold a raw newline, so this text is the key itself. */
const EMPTY_CHAPTERS = '\n  "chapters": []';
/** Bytes buffered before a write waits for the disk. */
const WRITE_BUFFER_BYTES = 1024 * 1024;

/** A chapter as it reads inside the storyboard's `chapters`, from the first line's indent to
 * its closing brace: at depth 2, as in `[[chapter]]`, less that wrapper's `[\n  [\n` and
 * `\n  ]\n]` (no re-indenting pass over the text). */
function indentedChapter(chapter: Storyboard['chapters'][number]): string {
  return JSON.stringify([[chapter]], null, 2).slice(6, -6);
}

/**
 * Writes a storyboard to `path` exactly as `JSON.stringify(storyboard, null, 2)` plus a newline
 * would, from its pages (each the same header with some of the chapters, in order), one
 * chapter at a time: a book of any size is written without holding all its chapters, or a
 * page's text, in memory. Returns the first page (its header is the storyboard's).
 */
export async function writeStoryboardJson(
  path: string,
  pages: AsyncIterable<Storyboard>,
): Promise<Storyboard> {
  const file = createWriteStream(path, { highWaterMark: WRITE_BUFFER_BYTES });
  // An error (e.g. the folder is gone) fails the next write, or the final `finished`.
  let failed: Error | undefined;
  file.on('error', (err) => (failed = err));
  const write = async (text: string): Promise<void> => {
    if (failed) throw failed;
    if (!file.write(text)) await once(file, 'drain');
  };
  try {
    let first: Storyboard | undefined;
    let suffix = '';
    let written = 0;
    for await (const page of pages) {
      if (!first) {
        first = page;
        const head = JSON.stringify({ ...page, chapters: [] }, null, 2);
        const at = head.indexOf(EMPTY_CHAPTERS);
        await write(`${head.slice(0, at)}\n  "chapters": [`);
        suffix = head.slice(at + EMPTY_CHAPTERS.length);
      }
      for (const chapter of page.chapters) {
        await write(`${written++ > 0 ? ',' : ''}\n${indentedChapter(chapter)}`);
      }
    }
    if (!first) throw new Error('The storyboard has no page to write.');
    file.end(`${written > 0 ? '\n  ]' : ']'}${suffix}\n`);
    await finished(file);
    return first;
  } catch (err) {
    file.destroy();
    throw err;
  }
}
