import type {
  Chapter,
  Character,
  DialogueLine,
  Panel,
  Scene,
  Storyboard,
} from '@storyboard/domain';

/** Test data builders: every field has a plain default; pass only what the test is about. */

export function aCharacter(overrides: Partial<Character> & Pick<Character, 'id'>): Character {
  return { name: overrides.id, aliases: [], mentions: 1, firstChapter: 1, ...overrides };
}

export function aLine(speaker: string | null, text: string): DialogueLine {
  return { speaker, text };
}

export function aPanel(overrides: Partial<Panel> = {}): Panel {
  return {
    index: 1,
    shot: 'medium',
    description: 'A panel.',
    characters: [],
    dialogue: [],
    span: { start: 0, end: 1 },
    ...overrides,
  };
}

export function aScene(overrides: Partial<Scene> = {}): Scene {
  const panels = (overrides.panels ?? [aPanel()]).map((panel, i) => ({ ...panel, index: i + 1 }));
  return {
    index: 1,
    summary: 'A scene.',
    characters: [],
    span: { start: 0, end: 1 },
    ...overrides,
    panels,
  };
}

export function aChapter(overrides: Partial<Chapter> = {}): Chapter {
  const scenes = (overrides.scenes ?? [aScene()]).map((scene, i) => ({ ...scene, index: i + 1 }));
  return { index: 1, title: 'Chapter', span: { start: 0, end: 1 }, ...overrides, scenes };
}

/** A storyboard whose chapter indexes and stats are derived from its content. */
export function aStoryboard(
  overrides: {
    title?: string;
    language?: Storyboard['novel']['language'];
    characters?: Character[];
    chapters?: Chapter[];
  } = {},
): Storyboard {
  const chapters = (overrides.chapters ?? [aChapter()]).map((chapter, i) => ({
    ...chapter,
    index: i + 1,
  }));
  const scenes = chapters.flatMap((chapter) => chapter.scenes);
  const panels = scenes.flatMap((scene) => scene.panels);
  return {
    schemaVersion: 1,
    novel: {
      id: 'novel-1',
      title: overrides.title ?? 'A Novel',
      language: overrides.language ?? 'en',
      encoding: 'utf-8',
      length: 1000,
    },
    characters: overrides.characters ?? [],
    chapters,
    stats: {
      chapters: chapters.length,
      scenes: scenes.length,
      panels: panels.length,
      dialogueLines: panels.reduce((n, panel) => n + panel.dialogue.length, 0),
      generator: 'test',
      durationMs: 1234,
    },
  };
}
