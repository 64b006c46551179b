/**
 * Renders the OpenAPI document as one self-contained HTML page: inline CSS, no scripts, no
 * fonts or assets fetched from anywhere. Schemas are shown as compact type outlines.
 */

type Json = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const esc = (s: unknown): string =>
  String(s).replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

export function renderDocsPage(doc: Json, extraSections = ''): string {
  const info = obj(doc.info);
  const paths = obj(doc.paths);
  const schemas = obj(obj(doc.components).schemas);
  const refName = (ref: string) => ref.split('/').pop() ?? ref;

  const outline = (schema: unknown, depth: number): string => {
    const s = obj(schema);
    if (typeof s.$ref === 'string') {
      const name = refName(s.$ref);
      return `<a href="#schema-${esc(name)}">${esc(name)}</a>`;
    }
    const alts = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
    if (Array.isArray(alts)) return alts.map((a) => outline(a, depth)).join(' | ');
    if (s.enum) return (s.enum as unknown[]).map((v) => esc(JSON.stringify(v))).join(' | ');
    if ('const' in s) return esc(JSON.stringify(s.const));
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type];
    const nullable = types.includes('null') ? ' | null' : '';
    if (types.includes('array')) return `${outline(s.items, depth)}[]${nullable}`;
    if (types.includes('object') || s.properties) {
      const props = obj(s.properties);
      const required = new Set((s.required as string[] | undefined) ?? []);
      const keys = Object.keys(props);
      if (!keys.length) return `object${nullable}`;
      const pad = '  '.repeat(depth + 1);
      const lines = keys.map(
        (k) => `${pad}${esc(k)}${required.has(k) ? '' : '?'}: ${outline(props[k], depth + 1)}`,
      );
      return `{\n${lines.join('\n')}\n${'  '.repeat(depth)}}${nullable}`;
    }
    const base = types.filter((t) => t && t !== 'null').join(' | ') || 'any';
    const fmt = s.format ? ` (${esc(s.format)})` : '';
    return `${esc(base)}${fmt}${nullable}`;
  };

  const content = (c: unknown) =>
    Object.entries(obj(c))
      .map(
        ([type, media]) =>
          `<div class="media"><code>${esc(type)}</code><pre>${outline(obj(media).schema, 0)}</pre></div>`,
      )
      .join('');

  const operations: string[] = [];
  const toc: string[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = obj(obj(item)[method]);
      if (!Object.keys(op).length) continue;
      const anchor = `op-${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`;
      toc.push(
        `<li><a href="#${anchor}"><span class="m ${method}">${method.toUpperCase()}</span> ${esc(path)}</a></li>`,
      );
      const params = ((op.parameters as unknown[]) ?? []).map(obj);
      const paramRows = params
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td><code>${outline(p.schema, 0)}</code> ${esc(obj(p).description ?? obj(p.schema).description ?? '')}</td></tr>`,
        )
        .join('');
      const body = obj(op.requestBody);
      const responses = Object.entries(obj(op.responses))
        .map(
          ([status, r]) =>
            `<div class="resp"><span class="status s${esc(status[0])}">${esc(status)}</span> ${esc(obj(r).description ?? '')}${content(obj(r).content)}</div>`,
        )
        .join('');
      operations.push(`<section class="op" id="${anchor}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p class="summary">${esc(op.summary ?? '')}</p>
${op.description ? `<p>${esc(op.description)}</p>` : ''}
${paramRows ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${paramRows}</table>` : ''}
${Object.keys(body).length ? `<h4>Request body</h4>${body.description ? `<p>${esc(body.description)}</p>` : ''}${content(body.content)}` : ''}
<h4>Responses</h4>${responses}
</section>`);
    }
  }

  const schemaSections = Object.entries(schemas)
    .map(
      ([name, schema]) =>
        `<section class="schema" id="schema-${esc(name)}"><h3>${esc(name)}</h3>${obj(schema).description ? `<p>${esc(obj(schema).description)}</p>` : ''}<pre>${outline({ ...obj(schema), $ref: undefined }, 0)}</pre></section>`,
    )
    .join('\n');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)} — API reference</title>
<style>
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#fafbfc}
header{background:#1d2330;color:#fff;padding:1.2rem 2rem}header h1{margin:0;font-size:1.5rem}
main{max-width:980px;margin:0 auto;padding:1rem 2rem 4rem}
code,pre{font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:#f0f2f5;padding:.6rem .8rem;border-radius:6px;overflow-x:auto;margin:.3rem 0}
.op,.schema{background:#fff;border:1px solid #e2e6ec;border-radius:8px;padding:.4rem 1.2rem 1rem;margin:1rem 0}
.m{display:inline-block;min-width:3.6em;text-align:center;border-radius:4px;color:#fff;font-size:.8em;padding:0 .3em;font-weight:600}
.get{background:#2f7d4f}.post{background:#2d5fa8}.put,.patch{background:#a86a2d}.delete{background:#a82d2d}
.status{font-weight:700;font-family:ui-monospace,monospace}.s2{color:#2f7d4f}.s3{color:#6b6b6b}.s4{color:#a86a2d}.s5{color:#a82d2d}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e2e6ec;text-align:left;padding:.25rem .5rem;vertical-align:top}
ul.toc{columns:2;padding-left:1rem}ul.toc a{text-decoration:none;color:inherit}.resp{margin:.4rem 0}.media code{color:#555}
</style></head>
<body><header><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1></header>
<main>
<p>${esc(info.description ?? '')}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${esc(doc.openapi)}).</p>
${extraSections}
<h2>Operations</h2><ul class="toc">${toc.join('')}</ul>
${operations.join('\n')}
<h2>Schemas</h2>
${schemaSections}
</main></body></html>`;
}

export { esc as escapeHtml };
