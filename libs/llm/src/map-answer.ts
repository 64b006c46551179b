import type {
  CastMember,
  ChunkSpec,
  DialogueLine,
  FragmentSection,
  Panel,
  Scene,
  Span,
} from '@storyboard/domain';
import type { Answer, AnswerPanel, AnswerScene } from './answer';
import { findAnchor } from './anchors';
import { normalizeShot } from './shots';
import { noWarnings, type GeneratorWarnings } from './warnings';

/** Resolves the model's character references: ids as given, else names and aliases. */
export class CastResolver {
  private readonly ids: Set<string>;
  private readonly byName = new Map<string, string>();

  constructor(cast: readonly CastMember[]) {
    this.ids = new Set(cast.map((c) => c.id));
    for (const c of cast)
      for (const n of [c.name, ...c.aliases]) {
        const key = n.trim().toLowerCase();
        if (key && !this.byName.has(key)) this.byName.set(key, c.id);
      }
  }

  resolve(ref: string | null | undefined): { id: string | null; how: 'id' | 'mapped' | 'unknown' } {
    const r = (ref ?? '').trim();
    if (this.ids.has(r)) return { id: r, how: 'id' };
    const mapped = this.byName.get(r.toLowerCase());
    return mapped ? { id: mapped, how: 'mapped' } : { id: null, how: 'unknown' };
  }
}

/**
 * The model's answer as fragment sections with absolute spans. Every offset comes from
 * finding a verbatim anchor in the chunk text (chunk start + index in the chunk): a scene
 * starts at its anchor (or its first panel's) and runs to the next scene or the section end;
 * a panel starts at its anchor and runs to the next panel or the scene end. What cannot be
 * found takes the enclosing span; nothing is invented. Unknown ids and shots are dropped or
 * mapped and counted in the returned warnings.
 */
export function mapAnswer(
  answer: Answer,
  input: { chunk: ChunkSpec; text: string; cast: readonly CastMember[] },
): { sections: FragmentSection[]; warnings: GeneratorWarnings } {
  const warnings = noWarnings();
  const cast = new CastResolver(input.cast);
  const offset = input.chunk.span.start;
  const sections = input.chunk.sections.map((section, i) => {
    const scenes = answer.sections.find((s) => s.section === i + 1)?.scenes ?? [];
    const from = Math.max(0, section.span.start - offset);
    const to = Math.min(input.text.length, section.span.end - offset);
    const local = mapScenes(scenes, input.text, from, to, cast, warnings);
    return {
      chapterIndex: section.chapterIndex,
      part: section.part,
      scenes: local.map((scene) => shift(scene, offset)),
    };
  });
  return { sections, warnings };
}

function mapScenes(
  scenes: readonly AnswerScene[],
  text: string,
  from: number,
  to: number,
  cast: CastResolver,
  w: GeneratorWarnings,
): Scene[] {
  let cursor = from;
  const starts = scenes.map((scene) => {
    const hit =
      findAnchor(text, scene.anchor, from, to, cursor) ??
      scene.panels
        .map((p) => findAnchor(text, p.anchor, from, to, cursor))
        .find((s) => s !== undefined);
    if (hit) cursor = hit.start;
    return hit?.start;
  });
  return scenes.map((scene, k) => {
    const start = starts[k];
    let span: Span;
    if (start === undefined) {
      w.unresolvedSceneAnchors++;
      span = { start: from, end: to };
    } else {
      const next = starts.filter((s): s is number => s !== undefined && s > start);
      span = { start, end: next.length ? Math.min(...next) : to };
    }
    const panels = mapPanels(scene.panels, text, span, { start: from, end: to }, cast, w);
    const characters = unique([
      ...ids(scene.characters, cast, w),
      ...panels.flatMap((p) => p.characters),
    ]);
    return {
      index: k + 1,
      summary: scene.summary,
      ...(scene.location ? { location: scene.location } : {}),
      characters,
      span,
      panels,
    };
  });
}

function mapPanels(
  panels: readonly AnswerPanel[],
  text: string,
  scene: Span,
  section: Span,
  cast: CastResolver,
  w: GeneratorWarnings,
): Panel[] {
  let cursor = scene.start;
  const hits = panels.map((p) => {
    const hit =
      findAnchor(text, p.anchor, scene.start, scene.end, cursor) ??
      findAnchor(text, p.anchor, section.start, section.end, cursor);
    if (hit) cursor = hit.start;
    return hit;
  });
  return panels.map((p, k) => {
    const hit = hits[k];
    let span: Span;
    if (!hit) {
      w.unresolvedPanelAnchors++;
      span = { ...scene };
    } else {
      const next = hits.filter((h) => h !== undefined && h.start > hit.start).map((h) => h!.start);
      span = {
        start: hit.start,
        end: next.length ? Math.min(...next) : Math.max(scene.end, hit.end),
      };
    }
    const shot = normalizeShot(p.shot);
    if (shot.how === 'mapped') w.mappedShots++;
    if (shot.how === 'unknown') w.unknownShots++;
    return {
      index: k + 1,
      shot: shot.shot,
      description: p.description,
      characters: unique(ids(p.characters, cast, w)),
      dialogue: dialogue(p.dialogue, cast, w),
      ...(p.narration ? { narration: p.narration } : {}),
      span,
    };
  });
}

function ids(refs: readonly string[], cast: CastResolver, w: GeneratorWarnings): string[] {
  const out: string[] = [];
  for (const ref of refs) {
    const r = cast.resolve(ref);
    if (r.how === 'mapped') w.mappedCharacters++;
    if (r.id === null) w.unknownCharacters++;
    else out.push(r.id);
  }
  return out;
}

function dialogue(
  lines: readonly { speaker?: string | null | undefined; text: string }[],
  cast: CastResolver,
  w: GeneratorWarnings,
): DialogueLine[] {
  const out: DialogueLine[] = [];
  for (const line of lines) {
    const text = line.text.trim();
    if (!text) {
      w.emptyDialogueLines++;
      continue;
    }
    let speaker: string | null = null;
    if (line.speaker != null && line.speaker.trim() !== '' && line.speaker !== 'null') {
      const r = cast.resolve(line.speaker);
      if (r.how === 'mapped') w.mappedCharacters++;
      if (r.id === null) w.unknownSpeakers++;
      speaker = r.id;
    }
    out.push({ speaker, text });
  }
  return out;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

function shift(scene: Scene, offset: number): Scene {
  const move = (s: Span): Span => ({ start: s.start + offset, end: s.end + offset });
  return {
    ...scene,
    span: move(scene.span),
    panels: scene.panels.map((p) => ({ ...p, span: move(p.span) })),
  };
}
