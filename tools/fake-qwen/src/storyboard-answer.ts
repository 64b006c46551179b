import type { CastMember } from '@storyboard/domain';
import type { ChunkPrompt, PromptSection } from '@storyboard/llm';

interface Paragraph {
  text: string;
}

const QUOTE = /“([^”]{1,400})”|"([^"\n]{1,400})"|「([^」]{1,400})」|『([^』]{1,400})』/gu;
const SCENE_BREAK = /^\s*(?:\*\s*){3,}$|^\s*(?:-\s*){3,}$|^\s*[＊*]{3,}\s*$/u;

/**
 * The storyboard a diligent model would write for the prompt, derived deterministically from
 * the chunk text in it: one panel per paragraph (at most six per scene, scenes cut at break
 * lines and every six paragraphs), each anchored on the paragraph's first words copied
 * verbatim, characters and speakers from the cast the prompt lists.
 */
export function storyboardAnswer(prompt: ChunkPrompt): Record<string, unknown> {
  return {
    sections: prompt.sections.map((section) => ({
      section: section.section,
      scenes: scenes(section, prompt.cast, prompt.language),
    })),
  };
}

function scenes(section: PromptSection, cast: readonly CastMember[], lang: 'en' | 'zh') {
  const groups: Paragraph[][] = [[]];
  for (const raw of section.text.split(/\n\s*\n/)) {
    const text = raw.trim();
    if (!text) continue;
    const current = groups[groups.length - 1] as Paragraph[];
    if (SCENE_BREAK.test(text)) {
      if (current.length) groups.push([]);
      continue;
    }
    if (current.length >= 6) groups.push([{ text }]);
    else current.push({ text });
  }
  return groups
    .filter((g) => g.length > 0)
    .map((paragraphs) => {
      const panels = paragraphs.map((p, k) => panel(p, k, cast, lang));
      const characters = [...new Set(panels.flatMap((p) => p.characters))];
      return {
        summary: firstSentence(paragraphs[0]?.text ?? '', lang),
        characters,
        anchor: anchorOf(paragraphs[0]?.text ?? '', lang),
        panels,
      };
    });
}

function panel(p: Paragraph, k: number, cast: readonly CastMember[], lang: 'en' | 'zh') {
  const characters = cast.filter((c) => mentioned(p.text, c, lang)).map((c) => c.id);
  const dialogue = [...p.text.matchAll(QUOTE)].map((m) => ({
    speaker: speakerOf(p.text, m.index ?? 0, (m[0] ?? '').length, cast, lang),
    text: (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim(),
  }));
  const spoken = dialogue.filter((d) => d.text.length > 0);
  const prose = p.text.replace(QUOTE, ' ').replace(/\s+/g, ' ').trim();
  const shot =
    k === 0
      ? 'establishing'
      : spoken.length && characters.length > 1
        ? 'over-the-shoulder'
        : spoken.length
          ? 'close-up'
          : (['medium', 'wide', 'insert'] as const)[k % 3];
  return {
    shot,
    description: firstSentence(prose || p.text, lang),
    characters,
    dialogue: spoken,
    ...(spoken.length === 0 ? { narration: clip(prose, lang === 'zh' ? 60 : 160) } : {}),
    anchor: anchorOf(p.text, lang),
  };
}

/** The paragraph's first words, copied exactly (up to a line break): 8 words or 12 characters. */
function anchorOf(text: string, lang: 'en' | 'zh'): string {
  const line = text.split('\n')[0] ?? '';
  if (lang === 'zh') return [...line].slice(0, 12).join('');
  const words = line.split(' ');
  return words.slice(0, 8).join(' ');
}

function mentioned(text: string, c: CastMember, lang: 'en' | 'zh'): boolean {
  return [c.name, ...c.aliases].some((n) => {
    const form = n.replace(/^the\s+/i, '');
    if (!form) return false;
    if (lang === 'zh') return text.includes(form);
    return new RegExp(`(?<![\\p{L}\\p{N}])${escape(form)}(?![\\p{L}\\p{N}])`, 'u').test(text);
  });
}

/** The cast member named nearest to the quote outside it (after it first: "…," said Tom). */
function speakerOf(
  text: string,
  at: number,
  length: number,
  cast: readonly CastMember[],
  lang: 'en' | 'zh',
): string | null {
  const after = text.slice(at + length, at + length + 40);
  const before = text.slice(Math.max(0, at - 30), at);
  for (const window of [after, before]) {
    const hits = cast
      .map((c) => ({ id: c.id, pos: position(window, c, lang) }))
      .filter((h) => h.pos >= 0)
      .sort((a, b) => (window === after ? a.pos - b.pos : b.pos - a.pos));
    if (hits[0]) return hits[0].id;
  }
  return null;
}

function position(window: string, c: CastMember, lang: 'en' | 'zh'): number {
  let best = -1;
  for (const n of [c.name, ...c.aliases]) {
    const form = n.replace(/^the\s+/i, '');
    if (!form) continue;
    const i =
      lang === 'zh'
        ? window.indexOf(form)
        : window.search(new RegExp(`(?<![\\p{L}\\p{N}])${escape(form)}(?![\\p{L}\\p{N}])`, 'u'));
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best;
}

function firstSentence(text: string, lang: 'en' | 'zh'): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = (lang === 'zh' ? /^.*?[。！？!?]/u : /^.*?[.!?](?=\s|$)/u).exec(flat);
  return clip(m ? m[0] : flat, lang === 'zh' ? 60 : 160);
}

function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
