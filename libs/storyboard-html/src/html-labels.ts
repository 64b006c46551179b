import type { Language, Shot } from '@storyboard/domain';
import { formatCount } from './html-text';

export interface ShotLabel {
  /** Film-industry abbreviation, the same in every language. */
  readonly abbr: string;
  readonly label: string;
}

/**
 * Every piece of interface text on the storyboard page. Plain strings are inserted as text
 * (escaped by the renderer); functions build the few labels that carry a number. The CSS
 * labels end up inside CSS string literals and must not contain `"` or `\`.
 */
export interface Labels {
  /** Line above the novel title. */
  readonly kicker: string;
  /** Appended to the novel title in the document `<title>`. */
  readonly documentTitleSuffix: string;
  readonly untitled: string;
  /** Line under the novel title: length, language and encoding of the source text. */
  readonly meta: (length: number, language: Language, encoding: string) => string;
  readonly stats: Readonly<Record<StatKey, string>>;
  /** Whether a stat reads "label value" (Chinese) rather than "value label" (English). */
  readonly statLabelFirst: boolean;
  readonly durationUnits: { readonly ms: string; readonly s: string; readonly min: string };
  readonly chapters: string;
  readonly noChapters: string;
  readonly chapterNumber: (index: number) => string;
  readonly toTop: string;
  readonly characters: string;
  readonly noCharacters: string;
  /** Precedes the alias list. */
  readonly aka: string;
  readonly aliasSeparator: string;
  /** Follows an alias list cut short; `count` aliases were not shown. */
  readonly moreAliases: (count: number) => string;
  readonly mentions: (count: number) => string;
  readonly firstChapter: (index: number) => string;
  readonly sceneNumber: (index: number) => string;
  readonly noScenes: string;
  readonly noPanels: string;
  readonly shots: Readonly<Record<Shot, ShotLabel>>;
  /** Tooltip of a shot abbreviation. */
  readonly shotTitle: (shot: ShotLabel) => string;
  readonly unknownSpeaker: string;
  /** CSS-generated tag before a scene's location. */
  readonly location: string;
  /** CSS-generated prefix of the art notes. */
  readonly art: string;
}

export type StatKey =
  | 'chapters'
  | 'scenes'
  | 'panels'
  | 'dialogueLines'
  | 'characters'
  | 'generationTime'
  | 'generator';

const EN: Labels = {
  kicker: 'Comic storyboard',
  documentTitleSuffix: ' — Storyboard',
  untitled: 'Untitled',
  meta: (length, language, encoding) =>
    `${formatCount(length)} characters · language ${language} · ${encoding}`,
  stats: {
    chapters: 'chapters',
    scenes: 'scenes',
    panels: 'panels',
    dialogueLines: 'dialogue lines',
    characters: 'characters',
    generationTime: 'job time (start to storyboard)',
    generator: 'generator',
  },
  statLabelFirst: false,
  durationUnits: { ms: 'ms', s: 's', min: 'min' },
  chapters: 'Chapters',
  noChapters: 'No chapters.',
  chapterNumber: (index) => `Chapter ${index}`,
  toTop: '↑ top',
  characters: 'Characters',
  noCharacters: 'No characters.',
  aka: 'aka ',
  aliasSeparator: ', ',
  moreAliases: (count) => ` +${count} more`,
  mentions: (count) => `${formatCount(count)} ${count === 1 ? 'mention' : 'mentions'}`,
  firstChapter: (index) => `first in ch. ${index}`,
  sceneNumber: (index) => `Scene ${index}`,
  noScenes: 'No scenes.',
  noPanels: 'No panels.',
  shots: {
    establishing: { abbr: 'EST', label: 'Establishing' },
    wide: { abbr: 'WS', label: 'Wide' },
    medium: { abbr: 'MS', label: 'Medium' },
    'close-up': { abbr: 'CU', label: 'Close-up' },
    'extreme-close-up': { abbr: 'ECU', label: 'Extreme close-up' },
    'over-the-shoulder': { abbr: 'OTS', label: 'Over-the-shoulder' },
    insert: { abbr: 'INS', label: 'Insert' },
  },
  shotTitle: (shot) => `${shot.label} shot`,
  unknownSpeaker: 'Unknown',
  location: 'Location',
  art: 'Art: ',
};

const ZH_LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: '英文',
  zh: '中文',
  other: '其他',
};

const ZH: Labels = {
  kicker: '漫画分镜',
  documentTitleSuffix: ' — 漫画分镜',
  untitled: '无标题',
  meta: (length, language, encoding) =>
    `全文 ${formatCount(length)} 字 · 语言：${ZH_LANGUAGE_NAMES[language] ?? language} · 编码：${encoding}`,
  stats: {
    chapters: '章节',
    scenes: '场景',
    panels: '分镜',
    dialogueLines: '对白',
    characters: '人物',
    generationTime: '任务用时',
    generator: '生成器',
  },
  statLabelFirst: true,
  durationUnits: { ms: '毫秒', s: '秒', min: '分' },
  chapters: '章节',
  noChapters: '没有章节。',
  chapterNumber: (index) => `第${index}章`,
  toTop: '↑ 返回顶部',
  characters: '人物',
  noCharacters: '没有人物。',
  aka: '又名 ',
  aliasSeparator: '、',
  moreAliases: (count) => ` 等 ${count} 个`,
  mentions: (count) => `${formatCount(count)} 次提及`,
  firstChapter: (index) => `首次出现于第${index}章`,
  sceneNumber: (index) => `场景 ${index}`,
  noScenes: '没有场景。',
  noPanels: '没有分镜。',
  shots: {
    establishing: { abbr: 'EST', label: '远景' },
    wide: { abbr: 'WS', label: '全景' },
    medium: { abbr: 'MS', label: '中景' },
    'close-up': { abbr: 'CU', label: '特写' },
    'extreme-close-up': { abbr: 'ECU', label: '大特写' },
    'over-the-shoulder': { abbr: 'OTS', label: '过肩镜头' },
    insert: { abbr: 'INS', label: '插入镜头' },
  },
  shotTitle: (shot) => (shot.label.endsWith('镜头') ? shot.label : `${shot.label}镜头`),
  unknownSpeaker: '未知',
  location: '地点',
  art: '画面：',
};

const LABELS: Readonly<Record<Language, Labels>> = { en: EN, zh: ZH, other: EN };

/** Interface text for a novel's language: Simplified Chinese for `zh`, English otherwise. */
export function labelsFor(language: Language): Labels {
  return LABELS[language] ?? EN;
}

/** The English labels, which `other` languages also use. */
export const ENGLISH_LABELS: Labels = EN;
