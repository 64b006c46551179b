import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Api } from '../app';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/**
 * Serves the dashboard's static build (apps/web: `index.html`, `app.js`, `app.css`) at `/`,
 * for `npm start`. Files are read once; the page's CSP is sent as a header too. Returns false
 * (and serves nothing) when `dir` holds no build.
 */
export async function serveDashboard(app: Api, dir: string): Promise<boolean> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  if (!names.includes('index.html')) return false;
  const files = new Map<string, { body: Uint8Array; type: string }>();
  for (const name of names) {
    const ext = name.slice(name.lastIndexOf('.'));
    const type = TYPES[ext];
    if (type) files.set(name, { body: new Uint8Array(await readFile(join(dir, name))), type });
  }
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(
    new TextDecoder().decode(files.get('index.html')?.body),
  )?.[1];
  const send = (name: string) => {
    const file = files.get(name);
    if (!file) return undefined;
    const headers: Record<string, string> = {
      'Content-Type': file.type,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (csp && name.endsWith('.html')) headers['Content-Security-Policy'] = csp;
    return new Response(file.body, { status: 200, headers });
  };
  app.get('/', () => send('index.html')!);
  for (const name of files.keys()) {
    if (name !== 'index.html') app.get(`/${name}`, () => send(name)!);
  }
  return true;
}
