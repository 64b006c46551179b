import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize';
import { stripBoilerplate } from './boilerplate';

describe('normalizeText', () => {
  it('turns CRLF and CR into LF and trims line ends', () => {
    expect(normalizeText('a  \r\nb\rc')).toBe('a\nb\nc');
  });

  it('turns non-breaking, ideographic and tab spaces into plain spaces', () => {
    expect(normalizeText('a\u00A0b\u3000c\td')).toBe('a b c d');
  });

  it('composes to NFC and maps full-width letters and digits to ASCII', () => {
    expect(normalizeText('Cafe\u0301 第１２章 ＡＢ')).toBe('Café 第12章 AB');
  });

  it('drops BOMs, zero-width and control characters', () => {
    expect(normalizeText('\uFEFFa\u200Bb\u0007c')).toBe('ab c');
  });

  it.each([
    ['a zero-width space', 'a\u200Bb', 'ab'],
    ['a control character', 'a\u0001b', 'a b'],
    ['a full-width digit', '第\uFF11回', '第1回'],
    ['a full-width digit among indents', '\u3000\u3000第\uFF11回', '第1回'],
  ])('replaces %s standing alone', (_, raw, expected) => {
    expect(normalizeText(raw).trim()).toBe(expected);
  });
});

describe('stripBoilerplate', () => {
  it('keeps only what lies between the Project Gutenberg start and end markers', () => {
    const text = [
      'The Project Gutenberg EBook of X',
      '*** START OF THIS PROJECT GUTENBERG EBOOK X ***',
      'Story text.',
      'End of the Project Gutenberg EBook of X',
      '*** END OF THIS PROJECT GUTENBERG EBOOK X ***',
      'Licence text.',
    ].join('\n');
    expect(stripBoilerplate(text)).toBe('Story text.');
  });

  it('removes website advert lines and junk-only lines', () => {
    const text =
      '《书》\nTXT小说天堂 https://www.example.com 免费下载\n\n正文\n\n第一章 开始\n\n故事。\n\n《》目录 ';
    expect(stripBoilerplate(text)).toBe('第一章 开始\n\n故事。');
  });

  it('removes junk-only lines wherever their words stand, and only those', () => {
    // A title mark in prose stays; a mark opened on one line and closed on the next is no
    // junk line; a line of spaces alone is left as it is.
    expect(
      stripBoilerplate('目录\n《长\n名》\n故事。\n正文 \n  \n他读《西游记》。\n【站】正文\n尾。'),
    ).toBe('《长\n名》\n故事。\n\n  \n他读《西游记》。\n\n尾。');
    expect(stripBoilerplate('《书》\n故事，《书》里写的。\n  【广告】  \n目录')).toBe(
      '故事，《书》里写的。',
    );
  });
});
