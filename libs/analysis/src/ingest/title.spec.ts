import { describe, expect, it } from 'vitest';
import { detectTitle } from './title';

describe('detectTitle', () => {
  it.each([
    [
      'a Gutenberg header',
      'The Project Gutenberg eBook of X\n\nTitle: The Time Machine\n\nAuthor: H. G. Wells\n\nText',
      'The Time Machine',
    ],
    ['title marks', '《西游记》\n广告\n\n第一回 灵根育孕源流出', '西游记'],
    [
      'a first line above a byline',
      'The Lighthouse Keeper\nby Someone\n\nCHAPTER I. The Storm\n\nText.',
      'The Lighthouse Keeper',
    ],
    ['a first line alone', 'Summer Rain\n\nIt rained all summer.\n\nThe end.', 'Summer Rain'],
  ])('reads %s', (_, text, title) => {
    expect(detectTitle(text)).toBe(title);
  });

  it.each([
    ['prose', 'It was a dark and stormy night.\n\nThe rain fell.\n\nMore.'],
    ['a chapter heading', 'CHAPTER I\n\nIt began.\n\nMore.'],
    ['a Chinese chapter heading', '第一回 灵根育孕源流出\n\n诗曰。\n\n更多。'],
    ['an advert line', 'www.example.com free novels\n\nText.\n\nMore.'],
    ['a single line of text', 'Hello'],
  ])('finds none in %s', (_, text) => {
    expect(detectTitle(text)).toBeNull();
  });
});
