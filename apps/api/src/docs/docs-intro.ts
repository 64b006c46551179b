import type { AppConfig } from '@storyboard/runtime';
import { ERROR_TABLE } from '../http/error-table';
import { escapeHtml } from './docs-page';

/** The /docs sections the OpenAPI document cannot say: auth, the error table, the usual flow. */
export const docsIntro = (mode: AppConfig['AUTH_MODE']) => `
<h2>Authentication</h2>
<p>${
  mode === 'jwt'
    ? 'This deployment uses <code>AUTH_MODE=jwt</code>: send <code>Authorization: Bearer &lt;token&gt;</code>; API Gateway’s JWT authorizer verifies it and the user is its <code>sub</code>.'
    : 'This server uses <code>AUTH_MODE=dev</code> (local only): the user is the <code>X-User-Id</code> header.'
} A user only ever sees their own novels and jobs; anything else is 404.</p>
<h2>Errors</h2>
<p>Every error is <code>application/problem+json</code>: <code>{type, title, status, detail, code, instance, requestId, errors?}</code>.</p>
<table><tr><th>status</th><th>code</th><th>meaning</th></tr>${ERROR_TABLE.map(
  ({ status, codes, meaning }) =>
    `<tr><td>${status}</td><td><code>${escapeHtml(codes.join(', '))}</code></td><td>${escapeHtml(meaning)}</td></tr>`,
).join('')}</table>
<h2>Typical flow</h2>
<pre>POST /novels?title=My+Book   (text/plain body)      → 201 {id, …}
POST /novels/{id}/analyses                          → 202 {jobId, status, links}
GET  /jobs/{jobId}   (If-None-Match: &lt;ETag&gt;)        → 200 {status, progress, …} | 304
GET  /jobs/{jobId}/storyboard?limit=10              → 200 {storyboard, nextCursor}
GET  /jobs/{jobId}/storyboard?cursor=&lt;nextCursor&gt;  → next chapters</pre>`;
