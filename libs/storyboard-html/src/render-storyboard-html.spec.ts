import { describe, expect, it } from 'vitest';
import type { Shot } from '@storyboard/domain';
import { ELLIPSIS } from './html-text';
import {
  MAX_PANEL_TEXT,
  SHOT_LABELS,
  UNKNOWN_SPEAKER,
  panelWidths,
  renderStoryboardHtml,
} from './render-storyboard-html';
import {
  aChapter,
  aCharacter,
  aLine,
  aPanel,
  aScene,
  aStoryboard,
} from './testing/storyboard.builder';

const ALICE = aCharacter({ id: 'alice', name: 'Alice', aliases: ['Al'], mentions: 12 });
const BOB = aCharacter({ id: 'bob', name: 'Bob', mentions: 3 });

function sampleStoryboard() {
  return aStoryboard({
    title: 'The Tea Party',
    characters: [ALICE, BOB],
    chapters: [
      aChapter({
        title: 'Down the Hole',
        scenes: [
          aScene({
            summary: 'Alice meets Bob.',
            location: 'Riverbank',
            characters: ['alice', 'bob'],
            panels: [
              aPanel({ shot: 'establishing', description: 'A sunny riverbank.' }),
              aPanel({
                shot: 'close-up',
                description: 'Alice looks up.',
                narration: 'It was a hot day.',
                characters: ['alice', 'bob'],
                dialogue: [aLine('alice', 'Who are you?'), aLine('bob', 'Bob.')],
              }),
            ],
          }),
        ],
      }),
      aChapter({
        title: '第二章 茶会',
        scenes: [
          aScene({
            panels: [
              aPanel({
                shot: 'medium',
                description: '一张长桌。',
                dialogue: [aLine(null, '没有位子了！'), aLine('alice', '明明还有很多。')],
              }),
            ],
          }),
        ],
      }),
    ],
  });
}

/** Speaker and text of every speech balloon, in document order. */
function balloons(html: string): Array<{ speaker: string; text: string }> {
  const re =
    /<p class="balloon [^"]*"><span class="who">([^<]*)<\/span><span class="line">([^<]*)<\/span><\/p>/g;
  return Array.from(html.matchAll(re), (m) => ({ speaker: m[1] ?? '', text: m[2] ?? '' }));
}

function count(html: string, needle: string): number {
  return html.split(needle).length - 1;
}

const VOID_ELEMENTS = new Set(['meta', 'link', 'br', 'hr', 'img', 'input', 'wbr']);

/** Checks that every non-void element is closed in order; returns the first problem found. */
function tagBalanceProblem(html: string): string | null {
  const stack: string[] = [];
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const closing = match[1] === '/';
    const name = (match[2] ?? '').toLowerCase();
    if (VOID_ELEMENTS.has(name)) continue;
    if (!closing) {
      stack.push(name);
      continue;
    }
    const open = stack.pop();
    if (open !== name) return `</${name}> closes <${open ?? 'nothing'}>`;
  }
  return stack.length === 0 ? null : `unclosed <${stack.join('>, <')}>`;
}

describe('renderStoryboardHtml', () => {
  it('renders one complete, balanced HTML document', () => {
    const html = renderStoryboardHtml(sampleStoryboard());
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(tagBalanceProblem(html)).toBeNull();
    for (const tag of ['html', 'head', 'body', 'main', 'nav', 'header']) {
      expect(count(html, `<${tag}`), tag).toBeGreaterThan(0);
      expect(count(html, `</${tag}>`), tag).toBe(count(html, `<${tag}>`) + count(html, `<${tag} `));
    }
    expect(count(html, '<main>')).toBe(1);
  });

  it('is self-contained: no script, no external resource', () => {
    const html = renderStoryboardHtml(sampleStoryboard());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b|\bsrc=|@import|url\(|https?:\/\//i);
    expect(html).toContain(`default-src 'none'`);
  });

  it('escapes every text value taken from the storyboard', () => {
    const evil = '<script>alert(1)</script>';
    const html = renderStoryboardHtml(
      aStoryboard({
        title: evil,
        characters: [aCharacter({ id: 'x', name: `<b>"Eve"</b>`, aliases: ['<i>'] })],
        chapters: [
          aChapter({
            title: evil,
            scenes: [
              aScene({
                summary: evil,
                location: evil,
                characters: ['x', '<img src=x onerror=alert(1)>'],
                panels: [
                  aPanel({
                    description: evil,
                    narration: 'Tom & Jerry',
                    characters: ['x'],
                    dialogue: [aLine('x', evil), aLine('"><svg onload=alert(1)>', 'hi')],
                  }),
                ],
              }),
            ],
          }),
        ],
      }),
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>"Eve"');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; — Storyboard</title>');
    expect(html).toContain('&lt;b&gt;&quot;Eve&quot;&lt;/b&gt;');
    expect(html).toContain('Tom &amp; Jerry');
    expect(tagBalanceProblem(html)).toBeNull();
  });

  it('gives every chapter an anchor and a navigation link to it', () => {
    const storyboard = aStoryboard({
      chapters: [aChapter({ title: 'One' }), aChapter({ title: 'Two' }), aChapter({ title: '' })],
    });
    const html = renderStoryboardHtml(storyboard);
    const nav = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'));
    for (const chapter of storyboard.chapters) {
      const id = `chapter-${chapter.index}`;
      expect(count(html, `<section class="chapter" id="${id}">`)).toBe(1);
      expect(nav).toContain(`href="#${id}"`);
    }
    expect(nav).toContain('Chapter 3');
  });

  it('keeps anchors unique when chapter indexes repeat', () => {
    const storyboard = aStoryboard({ chapters: [aChapter(), aChapter()] });
    const [first, second] = storyboard.chapters;
    if (first && second) second.index = first.index;
    const html = renderStoryboardHtml(storyboard);
    const ids = Array.from(html.matchAll(/<section class="chapter" id="([^"]+)"/g), (m) => m[1]);
    expect(ids).toEqual(['chapter-1', 'chapter-1-2']);
    expect(html).toContain('href="#chapter-1-2"');
  });

  it('draws one balloon per dialogue line, named after its speaker', () => {
    const html = renderStoryboardHtml(sampleStoryboard());
    expect(balloons(html)).toEqual([
      { speaker: 'Alice', text: 'Who are you?' },
      { speaker: 'Bob', text: 'Bob.' },
      { speaker: UNKNOWN_SPEAKER, text: '没有位子了！' },
      { speaker: 'Alice', text: '明明还有很多。' },
    ]);
  });

  it('shows a null speaker as Unknown and an unlisted speaker id as itself', () => {
    const html = renderStoryboardHtml(
      aStoryboard({
        characters: [ALICE],
        chapters: [
          aChapter({
            scenes: [
              aScene({
                panels: [aPanel({ dialogue: [aLine(null, 'Psst.'), aLine('ghost', 'Boo.')] })],
              }),
            ],
          }),
        ],
      }),
    );
    expect(balloons(html)).toEqual([
      { speaker: 'Unknown', text: 'Psst.' },
      { speaker: 'ghost', text: 'Boo.' },
    ]);
  });

  it('colours each character consistently across legend, balloons and chips', () => {
    const html = renderStoryboardHtml(sampleStoryboard());
    expect(html).toMatch(/\.c0\{--c:hsl\([^)]+\)\}/);
    expect(html).toMatch(/\.c1\{--c:hsl\([^)]+\)\}/);
    expect(html).toContain('<li class="c0"><span class="name">Alice</span>');
    expect(html).toContain('<li class="c1"><span class="name">Bob</span>');
    expect(html).toContain('<p class="balloon c0"><span class="who">Alice</span>');
    expect(html).toContain('<span class="chip c1">Bob</span>');
    expect(html).toContain('aka Al');
    expect(html).toContain('12 mentions');
  });

  it('labels every panel with its shot type', () => {
    const shots = Object.keys(SHOT_LABELS) as Shot[];
    const html = renderStoryboardHtml(
      aStoryboard({
        chapters: [
          aChapter({ scenes: [aScene({ panels: shots.map((shot) => aPanel({ shot })) })] }),
        ],
      }),
    );
    expect(count(html, '<figure class="panel')).toBe(shots.length);
    for (const shot of shots) {
      const { abbr, label } = SHOT_LABELS[shot];
      expect(html).toContain(`shot-${shot}"`);
      expect(html).toContain(
        `<span class="shot"><abbr title="${label} shot">${abbr}</abbr>${label}</span>`,
      );
    }
  });

  it('shows narration in the caption box and the description as art notes', () => {
    const html = renderStoryboardHtml(sampleStoryboard());
    expect(html).toContain('<p class="caption">It was a hot day.</p>');
    expect(html).toContain('<p class="art">Alice looks up.</p>');
    // A panel without narration: its description is an art note, never a caption the book
    // did not write (issue 16: no invented captions).
    expect(html).toContain('<p class="art">A sunny riverbank.</p>');
    expect(html).not.toContain('<p class="caption">A sunny riverbank.</p>');
  });

  it('truncates very long captions and dialogue with an ellipsis', () => {
    const long = 'word '.repeat(500);
    const html = renderStoryboardHtml(
      aStoryboard({
        chapters: [
          aChapter({
            scenes: [
              aScene({
                panels: [
                  aPanel({ description: long, narration: long, dialogue: [aLine(null, long)] }),
                ],
              }),
            ],
          }),
        ],
      }),
    );
    const caption = /<p class="caption">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
    expect(caption.endsWith(ELLIPSIS)).toBe(true);
    expect(caption.length).toBeLessThanOrEqual(MAX_PANEL_TEXT);
    expect(balloons(html)[0]?.text.length).toBeLessThanOrEqual(MAX_PANEL_TEXT);
    expect(html).not.toContain(long.trim());
  });

  it('sets the document language from the novel', () => {
    expect(renderStoryboardHtml(aStoryboard({ language: 'zh' }))).toContain('<html lang="zh">');
    expect(renderStoryboardHtml(aStoryboard({ language: 'other' }))).toContain('<html lang="und">');
  });

  it('renders empty storyboards, chapters and scenes without breaking the page', () => {
    const empty = renderStoryboardHtml(aStoryboard({ chapters: [] }));
    expect(empty).toContain('No chapters.');
    expect(tagBalanceProblem(empty)).toBeNull();
    const hollow = renderStoryboardHtml(
      aStoryboard({
        chapters: [aChapter({ scenes: [] }), aChapter({ scenes: [aScene({ panels: [] })] })],
      }),
    );
    expect(hollow).toContain('No scenes.');
    expect(hollow).toContain('No panels.');
    expect(tagBalanceProblem(hollow)).toBeNull();
  });

  it('is deterministic', () => {
    expect(renderStoryboardHtml(sampleStoryboard())).toBe(renderStoryboardHtml(sampleStoryboard()));
  });

  it('renders every one of thousands of panels', () => {
    const panels = Array.from({ length: 50 }, (_, i) =>
      aPanel({
        shot: i % 3 === 0 ? 'wide' : 'close-up',
        description: 'Rain falls on the city. '.repeat(10),
        characters: ['alice', 'bob'],
        dialogue: [aLine('alice', 'Hello there.'), aLine('bob', 'Hi.')],
      }),
    );
    const storyboard = aStoryboard({
      characters: [ALICE, BOB],
      chapters: Array.from({ length: 40 }, () =>
        aChapter({ scenes: Array.from({ length: 5 }, () => aScene({ panels })) }),
      ),
    });
    const html = renderStoryboardHtml(storyboard);
    expect(count(html, '<figure class="panel')).toBe(10_000);
    expect(count(html, '<p class="balloon')).toBe(20_000);
  });
});

describe('panelWidths', () => {
  const widths = (...shots: Shot[]) => panelWidths(shots.map((shot) => ({ shot })));

  it('makes wide and establishing shots twice as wide as close-ups in a full row', () => {
    expect(widths('establishing', 'close-up')).toEqual([4, 2]);
    expect(widths('close-up', 'medium', 'insert')).toEqual([2, 2, 2]);
    expect(widths('close-up', 'wide')).toEqual([2, 4]);
  });

  it('stretches rows that cannot be filled so that every row spans the page', () => {
    expect(widths('wide', 'wide')).toEqual([6, 6]);
    expect(widths('close-up', 'close-up', 'wide', 'medium')).toEqual([3, 3, 4, 2]);
    expect(widths('medium')).toEqual([6]);
    expect(widths()).toEqual([]);
  });

  it('keeps every row summing to the six grid columns', () => {
    const shots: Shot[] = [
      'wide',
      'medium',
      'close-up',
      'establishing',
      'insert',
      'wide',
      'medium',
    ];
    const result = widths(...shots);
    let row = 0;
    for (const w of result) {
      row += w;
      if (row > 6) throw new Error(`row overflows: ${result.join(',')}`);
      if (row === 6) row = 0;
    }
    expect(row).toBe(0);
  });
});
