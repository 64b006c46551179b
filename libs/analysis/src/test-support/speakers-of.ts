import type { CastMember, Fragment } from '@storyboard/domain';
import { planChunks } from '@storyboard/domain';
import { HeuristicStoryboardGenerator } from '../heuristic-storyboard-generator';
import { ingestBytes } from '../ingest/ingest';
import { outlineChapters } from '../structure/chapters';

/** The speaker of every dialogue line the generator makes of `source` in one chunk, with the
 * given cast (null where it names none). */
export async function speakersOf(source: string, cast: CastMember[]): Promise<(string | null)[]> {
  const { text, language } = await ingestBytes(new TextEncoder().encode(source));
  const [chunk] = planChunks(text, outlineChapters(text), 1_000_000);
  if (!chunk) throw new Error('no chunk');
  const fragment: Fragment = await new HeuristicStoryboardGenerator().generate({
    chunk,
    text,
    language,
    cast,
  });
  return fragment.sections.flatMap((s) =>
    s.scenes.flatMap((sc) => sc.panels.flatMap((p) => p.dialogue.map((d) => d.speaker))),
  );
}
