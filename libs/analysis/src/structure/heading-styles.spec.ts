import { describe, expect, it } from 'vitest';
import { bodyStart, outlineChapters } from './chapters';

const body = (seed: string) =>
  Array.from({ length: 6 }, (_, i) =>
    `${seed} walked on along the road for a while, and paragraph ${i} of the story goes on.`.repeat(
      4,
    ),
  ).join('\n\n');
const titles = (text: string) => outlineChapters(text).map((c) => c.title);

describe('heading styles that change partway through a book', () => {
  it('keeps both the keyword headings and the later numeral-and-title headings of a collection', () => {
    const text = [
      'CONTENTS',
      '     Adventure I.    The First Case\n     Adventure II.   The Second Case\n     III.  The Third Case\n     IV.   The Fourth Case',
      'ADVENTURE I. THE FIRST CASE',
      'I.',
      body('Anna'),
      'II.',
      body('Anna'),
      'ADVENTURE II. THE SECOND CASE',
      body('Ben'),
      'III. THE THIRD CASE',
      body('Cora'),
      'IV.\n\nTHE FOURTH CASE',
      body('Dan'),
    ].join('\n\n');
    expect(titles(text)).toEqual([
      'ADVENTURE I. THE FIRST CASE',
      'ADVENTURE II. THE SECOND CASE',
      'III. THE THIRD CASE',
      'IV. THE FOURTH CASE',
    ]);
  });

  it('does not take a story’s titled sub-sections for chapters when the keyword style goes on', () => {
    const text = [
      'ADVENTURE I. THE FIRST CASE',
      body('Anna'),
      'II. THE CLUE',
      body('Anna'),
      'ADVENTURE II. THE SECOND CASE',
      body('Ben'),
    ].join('\n\n');
    expect(titles(text)).toEqual(['ADVENTURE I. THE FIRST CASE', 'ADVENTURE II. THE SECOND CASE']);
  });
});

describe('bare number lines with the title on the next line, grouped under parts', () => {
  const toc = [
    'CONTENTS',
    'PART ONE--THE VALLEY ........................ 1\n   1  Arrival ................................ 3\n   2  The Mill ............................... 12\nPART TWO--THE HILL ......................... 30\n   3  Storm .................................. 31\n   4  After the Storm ........................ 40',
  ];
  const text = [
    'THE VALLEY AND THE HILL',
    ...toc,
    'PART ONE--THE VALLEY',
    '1\nARRIVAL',
    body('Eve'),
    '2\nTHE MILL',
    body('Eve'),
    'PART TWO--THE HILL',
    '3\nSTORM',
    body('Finn'),
    '4\nAFTER THE STORM',
    body('Finn'),
  ].join('\n\n');

  it('finds every chapter and no part, table of contents or page number', () => {
    expect(titles(text)).toEqual(['1. ARRIVAL', '2. THE MILL', '3. STORM', '4. AFTER THE STORM']);
  });

  it('starts the story after the table of contents', () => {
    expect(text.slice(bodyStart(text))).toMatch(/^PART ONE--THE VALLEY\n\n1\nARRIVAL/);
  });

  it('keeps the part heading out of the chapter before it', () => {
    const chapters = outlineChapters(text);
    const second = chapters[1];
    expect(text.slice(second?.span.start, second?.span.end)).not.toContain('PART TWO');
  });

  it('accepts numbering that restarts at 1 in each part', () => {
    const restarting = [
      'PART ONE',
      '1\n\nArrival',
      body('Eve'),
      '2\n\nThe Mill',
      body('Eve'),
      'PART TWO',
      '1\n\nStorm',
      body('Finn'),
      '2\n\nAfter the Storm',
      body('Finn'),
    ].join('\n\n');
    expect(titles(restarting)).toEqual([
      '1. Arrival',
      '2. The Mill',
      '1. Storm',
      '2. After the Storm',
    ]);
  });
});
