import type { GenerateInput, StoryboardGenerator } from '../ports/storyboard-generator.port';
import type { IngestedText, NovelOutline, TextAnalyzer } from '../ports/text-analyzer.port';
import type { Fragment } from '../storyboard/chunk-plan.schema';
import type { Language } from '../storyboard/storyboard.schema';
import { GeneratorUnavailableError, InvalidNovelTextError } from '../errors';

/**
 * A TextAnalyzer for domain tests: strict UTF-8, chapters start at lines `# Title`, and the
 * cast is every name listed on a line `Cast: A, B` at the top. Small and predictable, so
 * domain tests need no real engine.
 */
export class LineTextAnalyzer implements TextAnalyzer {
  async ingest(bytes: Uint8Array): Promise<IngestedText> {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (err) {
      throw new InvalidNovelTextError('The file is not UTF-8 text.', { cause: err });
    }
    if (!text.trim()) throw new InvalidNovelTextError('The file is empty.');
    return {
      text,
      encoding: 'utf-8',
      language: 'en',
      title: /^Title: (.+)$/m.exec(text)?.[1] ?? null,
    };
  }

  async outline(text: string, _language: Language): Promise<NovelOutline> {
    const heads = [...text.matchAll(/^# (.+)$/gm)];
    const starts = heads.length ? heads.map((m) => m.index) : [0];
    const chapters = starts.map((start, i) => ({
      index: i + 1,
      title: heads[i]?.[1] ?? 'Part 1',
      span: { start, end: starts[i + 1] ?? text.length },
    }));
    const castLine = /^Cast: (.+)$/m.exec(text)?.[1] ?? '';
    const cast = castLine
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .map((name, i) => ({ id: `c${i + 1}`, name, aliases: [] }));
    return { chapters, cast };
  }
}

/** A generator for domain tests: one scene per section, one panel per paragraph, mentions
 * counted by name. */
export class ParagraphStoryboardGenerator implements StoryboardGenerator {
  readonly name = 'paragraph';
  async generate({ chunk, text, cast }: GenerateInput): Promise<Fragment> {
    const mentions: Record<string, number> = {};
    const sections = chunk.sections.map((section) => {
      const from = section.span.start - chunk.span.start;
      const body = text.slice(from, section.span.end - chunk.span.start);
      const panels = [...body.matchAll(/[^\n]+/g)].map((m, i) => {
        const present = cast.filter((c) => m[0].includes(c.name)).map((c) => c.id);
        for (const id of present) mentions[id] = (mentions[id] ?? 0) + 1;
        const start = section.span.start + m.index;
        return {
          index: i + 1,
          shot: i === 0 ? ('establishing' as const) : ('medium' as const),
          description: m[0],
          characters: present,
          dialogue: [],
          span: { start, end: start + m[0].length },
        };
      });
      return {
        chapterIndex: section.chapterIndex,
        part: section.part,
        scenes: [
          {
            index: 1,
            summary: body.slice(0, 40),
            characters: [...new Set(panels.flatMap((p) => p.characters))],
            span: section.span,
            panels,
          },
        ],
      };
    });
    return { chunkIndex: chunk.index, sections, mentions, generator: this.name };
  }
}

/**
 * Wraps a real generator and makes scripted calls fail, to simulate crashes, throttling and
 * bad output at a chosen chunk. Records every call's chunk index.
 */
export class FaultInjectingGenerator implements StoryboardGenerator {
  readonly calls: number[] = [];
  private readonly faults = new Map<number, { times: number; error: () => Error }>();

  constructor(private readonly inner: StoryboardGenerator) {}

  get name(): string {
    return this.inner.name;
  }

  /** Makes the next `times` calls for `chunkIndex` throw `error()` (default: throttled). */
  failOn(
    chunkIndex: number,
    times = 1,
    error: () => Error = () => new GeneratorUnavailableError('throttled'),
  ): this {
    this.faults.set(chunkIndex, { times, error });
    return this;
  }

  async generate(input: GenerateInput, signal?: AbortSignal): Promise<Fragment> {
    this.calls.push(input.chunk.index);
    const fault = this.faults.get(input.chunk.index);
    if (fault && fault.times > 0) {
      fault.times--;
      throw fault.error();
    }
    return this.inner.generate(input, signal);
  }

  callsFor(chunkIndex: number): number {
    return this.calls.filter((i) => i === chunkIndex).length;
  }
}
