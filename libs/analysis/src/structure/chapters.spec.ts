import { describe, expect, it } from 'vitest';
import { bodyStart, outlineChapters } from './chapters';

const para = (n: number, word = 'Some story text goes on here.') =>
  Array.from({ length: n }, () => word).join(' ');
const body = para(40);
const titles = (text: string) => outlineChapters(text).map((c) => c.title);

describe('outlineChapters', () => {
  it('finds CHAPTER headings with roman numerals and titles', () => {
    const text = `CHAPTER I. Down Below\n\n${body}\n\nCHAPTER II. Up Again\n\n${body}\n`;
    expect(titles(text)).toEqual(['CHAPTER I. Down Below', 'CHAPTER II. Up Again']);
  });

  it('finds `Chapter 1` with the title on the next line', () => {
    const text = `Chapter 1\n\nThe Start\n\n${body}\n\nChapter 2\n\nThe End\n\n${body}`;
    expect(titles(text)).toEqual(['Chapter 1. The Start', 'Chapter 2. The End']);
  });

  it('takes a bare numeral followed by a title line as a chapter, and an Epilogue', () => {
    const text = ` I\n\n\n Introduction\n\n${body}\n\n II\n\n\n The Machine\n\n${body}\n\n Epilogue\n\n${body}`;
    expect(titles(text)).toEqual(['I. Introduction', 'II. The Machine', 'Epilogue']);
  });

  it('finds STAVE and ADVENTURE headings; bare numerals inside stay scene breaks', () => {
    expect(titles(`STAVE I: ONE\n\n${body}\n\nSTAVE II: TWO\n\n${body}`)).toEqual([
      'STAVE I: ONE',
      'STAVE II: TWO',
    ]);
    const adventures = `ADVENTURE I. A SCANDAL\n\nI.\n\n${body}\n\nII.\n\n${body}\n\nADVENTURE II. THE LEAGUE\n\n${body}`;
    expect(titles(adventures)).toEqual(['ADVENTURE I. A SCANDAL', 'ADVENTURE II. THE LEAGUE']);
  });

  it('does not count BOOK or PART groupings as chapters', () => {
    const text = `BOOK ONE\n\nCHAPTER 1\n\n${body}\n\nCHAPTER 2\n\n${body}\n\nBOOK TWO\n\nCHAPTER 1\n\n${body}`;
    const chapters = outlineChapters(text);
    expect(chapters.map((c) => c.title)).toEqual(['CHAPTER 1', 'CHAPTER 2', 'CHAPTER 1']);
    // The second part's heading is not inside chapter 2.
    expect(text.slice(chapters[1]?.span.start, chapters[1]?.span.end)).not.toContain('BOOK TWO');
  });

  it('counts a Prologue as a chapter of its own', () => {
    expect(titles(`Prologue\n\n${body}\n\nChapter 1\n\n${body}`)).toEqual([
      'Prologue',
      'Chapter 1',
    ]);
  });

  it.each([
    ['第一回', '第二回'],
    ['第1章', '第2章'],
    ['第01回', '第02回'],
    ['第一百一十九回', '第一百二十回'],
  ])('finds Chinese headings %s / %s', (a, b) => {
    const zh = '话说那人走了许久，方才到了山前。'.repeat(20);
    const text = `${a} 开篇\n\n${zh}\n\n${b}　再续\n\n${zh}`;
    expect(titles(text)).toEqual([`${a} 开篇`, `${b} 再续`]);
  });

  it('finds 楔子 and 尾声 and headings behind junk prefixes', () => {
    const zh = '话说那人走了许久，方才到了山前。'.repeat(20);
    const text = `楔子\n\n${zh}\n\n正文 第一章 起\n\n${zh}\n\n《》目录 第二章 承\n\n${zh}\n\n尾声\n\n${zh}`;
    expect(titles(text)).toEqual(['楔子', '第一章 起', '第二章 承', '尾声']);
  });

  it('never takes a table of contents for chapters', () => {
    const toc = 'CONTENTS\n\nChapter I. One\nChapter II. Two\nChapter III. Three\n\n';
    const text = `${toc}Chapter I. One\n\n${body}\n\nChapter II. Two\n\n${body}\n\nChapter III. Three\n\n${body}`;
    const chapters = outlineChapters(text);
    expect(chapters).toHaveLength(3);
    expect(chapters[0]?.span.start).toBe(text.indexOf('Chapter I. One', toc.length));
    expect(bodyStart(text)).toBe(text.indexOf('Chapter I. One', toc.length));
  });

  it('splits a book with no headings by size at paragraph boundaries, titled Part 1, Part 2, …', () => {
    const paragraphs = Array.from({ length: 120 }, (_, i) => `Paragraph ${i}. ${para(12)}`);
    const text = paragraphs.join('\n\n');
    const chapters = outlineChapters(text);
    expect(chapters.length).toBeGreaterThan(1);
    expect(chapters.map((c) => c.title)).toEqual(chapters.map((_, i) => `Part ${i + 1}`));
    for (const c of chapters) expect(text.slice(c.span.start, c.span.start + 9)).toBe('Paragraph');
  });

  it('gives one chapter for one line and none for blank text', () => {
    expect(outlineChapters('Just one line.')).toEqual([
      { index: 1, title: 'Part 1', span: { start: 0, end: 14 } },
    ]);
    expect(outlineChapters('  \n ')).toEqual([]);
  });
});
