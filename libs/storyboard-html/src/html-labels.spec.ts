import { describe, expect, it } from 'vitest';
import { SHOT_TYPES, type Language } from '@storyboard/domain';
import { ENGLISH_LABELS, labelsFor } from './html-labels';
import { SHOT_LABELS, UNKNOWN_SPEAKER, renderStoryboardHtml } from './render-storyboard-html';
import {
  aChapter,
  aCharacter,
  aLine,
  aPanel,
  aScene,
  aStoryboard,
} from './testing/storyboard.builder';

/** A storyboard whose content is all Chinese, so any English on the page is interface text. */
function chineseStoryboard(language: Language) {
  return aStoryboard({
    title: '',
    language,
    characters: [
      aCharacter({
        id: 'xiaoyu',
        name: '林小雨',
        aliases: ['小雨', '雨', '阿雨', '小林', '林林', '雨儿', '丫头'],
        mentions: 12,
        firstChapter: 1,
      }),
      aCharacter({ id: 'nainai', name: '奶奶', mentions: 1, firstChapter: 2 }),
    ],
    chapters: [
      aChapter({
        title: '',
        scenes: [
          aScene({
            summary: '小雨学折纸鹤。',
            location: '小院',
            characters: ['xiaoyu', 'nainai'],
            panels: SHOT_TYPES.map((shot) =>
              aPanel({
                shot,
                description: '石榴树下。',
                narration: '那天很热。',
                characters: ['xiaoyu'],
                dialogue: [aLine(null, '谁在那儿？'), aLine('xiaoyu', '是我。')],
              }),
            ),
          }),
          aScene({ summary: '', panels: [] }),
        ],
      }),
      aChapter({ title: '第二章 纸鹤', scenes: [] }),
    ],
  });
}

/** Text a reader can see or hear: element text, tooltips, ARIA labels and CSS-generated labels. */
function readableText(html: string): string {
  const css = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? '';
  const generated = Array.from(css.matchAll(/content:"([^"]*)"/g), (m) => m[1]);
  const body = html.replace(/<style>[\s\S]*<\/style>/, '');
  const attributes = Array.from(body.matchAll(/\b(?:title|aria-label)="([^"]*)"/g), (m) => m[1]);
  const text = body.replace(/<[^>]*>/g, ' ');
  return [text, ...attributes, ...generated].join('\n');
}

const ENGLISH_INTERFACE_WORDS =
  /\b(Comic|Storyboard|Untitled|Chapters?|Characters?|Scenes?|Panels?|Unknown|aka|more|mentions?|first in|top|dialogue|generation|generator|language|Establishing|Wide|Medium|Close-up|Extreme|Over-the-shoulder|Insert|shot|Location|Art|No)\b/;

describe('labelsFor', () => {
  it('uses English for English and other languages, Chinese for Chinese', () => {
    expect(labelsFor('en')).toBe(ENGLISH_LABELS);
    expect(labelsFor('other')).toBe(ENGLISH_LABELS);
    expect(labelsFor('zh').chapterNumber(3)).toBe('第3章');
  });

  it('labels every shot in every language, keeping the abbreviations', () => {
    for (const language of ['en', 'zh', 'other'] as const) {
      const { shots } = labelsFor(language);
      for (const shot of SHOT_TYPES) {
        expect(shots[shot].label, `${language} ${shot}`).not.toBe('');
        expect(shots[shot].abbr).toBe(ENGLISH_LABELS.shots[shot].abbr);
      }
    }
  });

  it('keeps the exported English constants', () => {
    expect(UNKNOWN_SPEAKER).toBe('Unknown');
    expect(SHOT_LABELS.wide).toEqual({ abbr: 'WS', label: 'Wide' });
  });
});

describe('renderStoryboardHtml in Chinese', () => {
  const html = renderStoryboardHtml(chineseStoryboard('zh'));

  it('renders the headings, legend and speaker names in Chinese', () => {
    expect(html).toContain('<p class="kicker">漫画分镜</p>');
    expect(html).toContain('<h1>无标题</h1>');
    expect(html).toContain('<title>无标题 — 漫画分镜</title>');
    expect(html).toContain('<nav class="toc" aria-label="章节">\n<h2>章节</h2>');
    expect(html).toContain('<span class="num">第1章</span><span>第1章</span>');
    expect(html).toContain('<span class="num">第2章</span><span>第二章 纸鹤</span>');
    expect(html).toContain('<a class="to-top" href="#top">↑ 返回顶部</a>');
    expect(html).toContain('<h3>场景 1</h3>');
    expect(html).toContain('<h2 class="section-title" id="cast-title">人物</h2>');
    expect(html).toContain('又名 小雨、雨、阿雨、小林、林林、雨儿 等 1 个');
    expect(html).toContain('12 次提及 · 首次出现于第1章');
    expect(html).toContain('<span class="who">未知</span><span class="line">谁在那儿？</span>');
    expect(html).toContain('<p class="empty">没有场景。</p>');
    expect(html).toContain('<p class="empty">没有分镜。</p>');
    expect(html).toContain('content:"地点"');
  });

  it('labels shots in Chinese with the usual abbreviations', () => {
    expect(html).toContain('<abbr title="远景镜头">EST</abbr>远景</span>');
    expect(html).toContain('<abbr title="全景镜头">WS</abbr>全景</span>');
    expect(html).toContain('<abbr title="特写镜头">CU</abbr>特写</span>');
    expect(html).toContain('<abbr title="过肩镜头">OTS</abbr>过肩镜头</span>');
    expect(html).toContain('<abbr title="插入镜头">INS</abbr>插入镜头</span>');
  });

  it('puts the label before the value in the stats', () => {
    expect(html).toContain('<li>章节 <b>2</b></li>');
    expect(html).toContain('<li>任务用时 <b>1.2 秒</b></li>');
    expect(html).toContain('全文 1,000 字 · 语言：中文 · 编码：utf-8');
  });

  it('leaves no English interface word on the page', () => {
    expect(readableText(html)).not.toMatch(ENGLISH_INTERFACE_WORDS);
  });

  it('renders an empty Chinese storyboard in Chinese', () => {
    const empty = renderStoryboardHtml(aStoryboard({ language: 'zh', chapters: [] }));
    expect(empty).toContain('没有章节。');
    expect(empty).toContain('没有人物。');
  });
});

describe('renderStoryboardHtml in other languages', () => {
  it('uses the English interface', () => {
    const html = renderStoryboardHtml(chineseStoryboard('other'));
    expect(html).toContain('<html lang="und">');
    expect(html).toContain('<p class="kicker">Comic storyboard</p>');
    expect(html).toContain('<span class="num">Chapter 1</span>');
    expect(html).toContain('<h3>Scene 1</h3>');
    expect(html).toContain('<h2 class="section-title" id="cast-title">Characters</h2>');
    expect(html).toContain('<span class="who">Unknown</span>');
    expect(html).toContain('<abbr title="Wide shot">WS</abbr>Wide</span>');
    expect(html).toContain('aka 小雨, 雨');
    expect(html).not.toContain('第1章');
    expect(html).not.toContain('返回顶部');
  });

  it('renders the same page as English apart from the language code', () => {
    const other = renderStoryboardHtml(chineseStoryboard('other'))
      .replace('<html lang="und">', '<html lang="en">')
      .replace(' · language other · ', ' · language en · ');
    expect(other).toBe(renderStoryboardHtml(chineseStoryboard('en')));
  });
});
