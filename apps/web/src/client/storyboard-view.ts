import { renderStoryboardParts } from '@storyboard/storyboard-html';
import type { Api } from './api';
import { h } from './dom';

/**
 * The storyboard as comic pages, chapter by chapter, drawn by the same renderer as the CLI's
 * HTML file. It lives in a shadow root, so its stylesheet and the dashboard's never meet; the
 * stylesheet is a constructed one (CSSOM), which the strict CSP allows without inline styles.
 */
export async function renderStoryboard(root: HTMLElement, api: Api, jobId: string) {
  const storyboard = await api.storyboard(jobId);
  const parts = renderStoryboardParts(storyboard, 'shadow');
  const host = h('div', { id: 'storyboard', lang: parts.lang });
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(parts.css + parts.colourCss);
  shadow.adoptedStyleSheets = [sheet];
  // The renderer escapes every text it writes and emits no script or inline style.
  shadow.innerHTML = parts.body;
  // In-page links (chapter list, "to top") scroll inside the shadow root instead of routing.
  shadow.addEventListener('click', (e) => {
    const link = (e.target as Element).closest?.('a[href^="#"]');
    if (!link) return;
    e.preventDefault();
    const id = link.getAttribute('href')!.slice(1);
    (id === 'top' ? host : shadow.getElementById(id))?.scrollIntoView({ behavior: 'smooth' });
  });

  const blob = new Blob([JSON.stringify(storyboard, null, 2)], { type: 'application/json' });
  const download = h(
    'a',
    {
      class: 'button',
      id: 'download-json',
      href: URL.createObjectURL(blob),
      download: `storyboard-${jobId}.json`,
    },
    'Download JSON',
  );
  document.title = parts.documentTitle;
  root.replaceChildren(
    h('p', {}, h('a', { href: `#/jobs/${jobId}` }, '← Back to the job'), ' ', download),
    host,
  );
}
