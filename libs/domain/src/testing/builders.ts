import type { AnalysisJob } from '../job/analysis-job';
import { createJob } from '../job/analysis-job';
import type { Novel } from '../novel/novel';
import { novelTextKey } from '../novel/novel';
import type { ChunkPlan, Fragment } from '../storyboard/chunk-plan.schema';
import type { Chapter, Storyboard } from '../storyboard/storyboard.schema';

let counter = 0;
/** Ids unique across a test run and across runs sharing one emulator table. */
export const uniqueId = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function aJob(overrides: Partial<AnalysisJob> = {}): AnalysisJob {
  return {
    ...createJob({
      id: uniqueId('job'),
      novelId: uniqueId('novel'),
      ownerId: 'user-a',
      backend: 'sync',
      generator: 'paragraph',
      now: '2026-01-01T00:00:00.000Z',
    }),
    ...overrides,
  };
}

export function aNovel(overrides: Partial<Novel> = {}): Novel {
  const id = overrides.id ?? uniqueId('novel');
  const ownerId = overrides.ownerId ?? 'user-a';
  return {
    id,
    ownerId,
    title: 'A Test Novel',
    status: 'ready',
    language: 'en',
    encoding: 'utf-8',
    sizeBytes: 100,
    length: 100,
    textKey: novelTextKey(ownerId, id),
    createdAt: '2026-01-01T00:00:00.000Z',
    latestJobId: null,
    ...overrides,
  };
}

export function aPlan(jobId: string, chunkCount = 2): ChunkPlan {
  const chunks = Array.from({ length: chunkCount }, (_, i) => ({
    index: i,
    span: { start: i * 100, end: (i + 1) * 100 },
    sections: [
      {
        chapterIndex: i + 1,
        title: `Chapter ${i + 1}`,
        part: 1,
        span: { start: i * 100, end: (i + 1) * 100 },
      },
    ],
  }));
  return {
    jobId,
    language: 'en',
    encoding: 'utf-8',
    length: chunkCount * 100,
    chapters: chunks.map((c) => ({
      index: c.index + 1,
      title: `Chapter ${c.index + 1}`,
      span: c.span,
    })),
    cast: [{ id: 'c1', name: 'Alice', aliases: ['Al'] }],
    chunks,
  };
}

/** A fragment for chunk `chunkIndex` whose description is padded to about `bytes` long. */
export function aFragment(chunkIndex: number, bytes = 200): Fragment {
  const start = chunkIndex * 100;
  return {
    chunkIndex,
    generator: 'paragraph',
    mentions: { c1: 2 },
    sections: [
      {
        chapterIndex: chunkIndex + 1,
        part: 1,
        scenes: [
          {
            index: 1,
            summary: 'Alice meets 白龙马 by the river.',
            characters: ['c1'],
            span: { start, end: start + 100 },
            panels: [
              {
                index: 1,
                shot: 'wide',
                description: 'x'.repeat(Math.max(1, bytes - 150)),
                characters: ['c1'],
                dialogue: [
                  { speaker: 'c1', text: '“Hello,” said Alice.' },
                  { speaker: null, text: '「好！」' },
                ],
                narration: 'It was late.',
                span: { start, end: start + 100 },
              },
            ],
          },
        ],
      },
    ],
  };
}

export function aStoryboard(chapterCount = 3, novelId = uniqueId('novel')): Storyboard {
  const chapters: Chapter[] = Array.from({ length: chapterCount }, (_, i) => {
    const fragment = aFragment(i);
    return {
      index: i + 1,
      title: `Chapter ${i + 1}`,
      span: { start: i * 100, end: (i + 1) * 100 },
      scenes: fragment.sections[0]?.scenes ?? [],
    };
  });
  return {
    schemaVersion: 1,
    novel: {
      id: novelId,
      title: 'A Test Novel',
      language: 'en',
      encoding: 'utf-8',
      length: chapterCount * 100,
    },
    characters: [
      { id: 'c1', name: 'Alice', aliases: ['Al'], mentions: 2 * chapterCount, firstChapter: 1 },
    ],
    chapters,
    stats: {
      chapters: chapterCount,
      scenes: chapterCount,
      panels: chapterCount,
      dialogueLines: 2 * chapterCount,
      generator: 'paragraph',
      durationMs: 5,
    },
  };
}
