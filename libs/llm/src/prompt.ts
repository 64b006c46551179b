import type { CastMember, ChunkSpec, Language } from '@storyboard/domain';
import { SHOT_TYPES } from '@storyboard/domain';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One chapter section of the chunk as the prompt shows it, numbered from 1. */
export interface PromptSection {
  section: number;
  chapter: number;
  title: string;
  part: number;
  text: string;
}

export interface ChunkPrompt {
  language: 'en' | 'zh';
  cast: CastMember[];
  sections: PromptSection[];
}

// Machine-readable lines are the same in both languages, so the fake (and a human reading a
// request log) can find the cast, the sections and the text without guessing.
const CAST_LINE = '@cast ';
const SECTIONS_LINE = '@sections ';
const open = (n: number) => `<<<§${n}`;
const close = (n: number) => `§${n}>>>`;

const SHAPE = `{"sections":[{"section":1,"scenes":[{"summary":"…","location":"…","characters":["<cast id>"],"anchor":"…","panels":[{"shot":"${SHOT_TYPES.join('|')}","description":"…","characters":["<cast id>"],"dialogue":[{"speaker":"<cast id> or null","text":"…"}],"narration":"…","anchor":"…"}]}]}]}`;

const SYSTEM: Record<'en' | 'zh', string> = {
  en: [
    'You are a comic storyboard artist. You turn a passage of a novel into scenes and panels.',
    `Answer with one JSON object and nothing else, in this shape: ${SHAPE}`,
    'Rules:',
    '- One entry in "sections" for every section of the text, by its number; scenes in story order, panels in story order.',
    '- "anchor" of a panel: 4 to 12 consecutive words copied EXACTLY from the text where the panel happens (same spelling and punctuation). "anchor" of a scene: its first words, copied exactly.',
    '- "characters" and "speaker": only ids from the cast list; "speaker" is null when the text does not say who speaks.',
    '- "dialogue": the words spoken, quoted from the text; "narration": a short caption, or omit it.',
    `- "shot": one of ${SHOT_TYPES.join(', ')}. Open a scene on an establishing or wide shot.`,
  ].join('\n'),
  zh: [
    '你是漫画分镜师，把小说的一段改编成场景和分镜。',
    `只回答一个 JSON 对象，不要任何其他文字，格式如下：${SHAPE}`,
    '规则：',
    '- "sections" 中每个正文小节一项，用它的编号；场景和分镜按故事顺序排列。',
    '- 分镜的 "anchor"：从正文中原样复制的连续 6 到 20 个字（标点相同），标出该分镜发生的位置。场景的 "anchor"：该场景开头的原文，原样复制。',
    '- "characters" 和 "speaker" 只能用角色表中的 id；正文没有说明是谁说话时 "speaker" 为 null。',
    '- "dialogue"：原文中说出的话；"narration"：简短旁白，可省略。',
    `- "shot" 取值：${SHOT_TYPES.join('、')}。场景以 establishing 或 wide 开场。`,
  ].join('\n'),
};

const HEAD: Record<'en' | 'zh', [string, string, string]> = {
  en: [
    'Cast (JSON; use these ids in every answer):',
    'Sections of this passage (JSON):',
    'The text, section by section:',
  ],
  zh: ['角色表（JSON；每次回答都用这些 id）：', '本段的小节（JSON）：', '正文，按小节：'],
};

/** The system and user messages for one chunk: instructions in the novel's language. */
export function buildChunkMessages(input: {
  chunk: ChunkSpec;
  text: string;
  language: Language;
  cast: readonly CastMember[];
}): ChatMessage[] {
  const lang = input.language === 'zh' ? 'zh' : 'en';
  const offset = input.chunk.span.start;
  const sections: PromptSection[] = input.chunk.sections.map((s, i) => ({
    section: i + 1,
    chapter: s.chapterIndex,
    title: s.title,
    part: s.part,
    text: input.text.slice(Math.max(0, s.span.start - offset), s.span.end - offset),
  }));
  const cast = input.cast.map(({ id, name, aliases }) => ({ id, name, aliases }));
  const [castHead, sectionsHead, textHead] = HEAD[lang];
  const user = [
    castHead,
    CAST_LINE + JSON.stringify(cast),
    sectionsHead,
    SECTIONS_LINE + JSON.stringify(sections.map(({ text: _text, ...rest }) => rest)),
    textHead,
    ...sections.map((s) => `${open(s.section)}\n${s.text}\n${close(s.section)}`),
  ].join('\n');
  return [
    { role: 'system', content: SYSTEM[lang] },
    { role: 'user', content: user },
  ];
}

/** The re-ask after an invalid answer: the answer, then what was wrong with it. */
export function buildRepairMessages(
  original: readonly ChatMessage[],
  answer: string,
  errors: readonly string[],
  language: Language,
): ChatMessage[] {
  const list = errors
    .slice(0, 12)
    .map((e) => `- ${e}`)
    .join('\n');
  const ask =
    language === 'zh'
      ? `你的回答不符合要求：\n${list}\n请重新回答：只输出一个符合上述格式的 JSON 对象。`
      : `Your answer was not valid:\n${list}\nAnswer again with only one JSON object in the shape given above.`;
  return [
    ...original,
    { role: 'assistant', content: answer.slice(0, 20_000) },
    { role: 'user', content: ask },
  ];
}

/** Reads back what `buildChunkMessages` put in a user message (used by fake-qwen and tests);
 * undefined when the message is not one of ours. */
export function parseChunkPrompt(system: string, user: string): ChunkPrompt | undefined {
  const castLine = user.split('\n').find((l) => l.startsWith(CAST_LINE));
  const sectionsLine = user.split('\n').find((l) => l.startsWith(SECTIONS_LINE));
  if (!castLine || !sectionsLine) return undefined;
  try {
    const cast = JSON.parse(castLine.slice(CAST_LINE.length)) as CastMember[];
    const heads = JSON.parse(sectionsLine.slice(SECTIONS_LINE.length)) as Omit<
      PromptSection,
      'text'
    >[];
    const sections = heads.map((h) => {
      const from = user.indexOf(`${open(h.section)}\n`);
      const to = user.indexOf(`\n${close(h.section)}`, from);
      const text = from < 0 || to < 0 ? '' : user.slice(from + open(h.section).length + 1, to);
      return { ...h, text };
    });
    return { language: system.startsWith('你') ? 'zh' : 'en', cast, sections };
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}
