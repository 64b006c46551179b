import { describe, expect, it } from 'vitest';
import { renderStoryboardHtml, renderStoryboardParts } from './render-storyboard-html';
import { aStoryboard } from './testing/storyboard.builder';

describe('renderStoryboardParts', () => {
  it('holds exactly what the self-contained page is made of', () => {
    const storyboard = aStoryboard();
    const parts = renderStoryboardParts(storyboard);
    const page = renderStoryboardHtml(storyboard);
    expect(page).toContain(`<style>${parts.css}${parts.colourCss}</style>`);
    expect(page).toContain(`<body id="top">\n${parts.body}</body>`);
  });

  it('scopes the stylesheet to a shadow root: no :root or body rules', () => {
    const css = renderStoryboardParts(aStoryboard(), 'shadow').css;
    expect(css).toMatch(/^:host\{--ink/m);
    expect(css).toMatch(/^:host\{display:block;margin:0/m);
    expect(css).not.toMatch(/^(:root|body)\{/m);
  });
});
