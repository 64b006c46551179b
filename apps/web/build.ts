// Builds the dashboard as static files: one ES module bundle (esbuild), the stylesheet and
// index.html with its Content-Security-Policy. Prints each file's size (raw and gzip).
//   tsx apps/web/build.ts [--out DIR] [--api-url URL]
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = import.meta.dirname;

/** The page's policy: only this origin's script and style, and the API for fetches. */
export function dashboardCsp(apiUrl: string): string {
  const connect = apiUrl ? `'self' ${new URL(apiUrl).origin}` : "'self'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect} https:`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface BuiltFile {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export async function buildDashboard(outDir: string, apiUrl = ''): Promise<BuiltFile[]> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(here, 'src/client/main.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    tsconfig: join(here, 'tsconfig.json'),
    outfile: join(outDir, 'app.js'),
    logLevel: 'warning',
  });
  const html = (await readFile(join(here, 'src/static/index.html'), 'utf8'))
    .replace('__CSP__', dashboardCsp(apiUrl))
    .replace('__API_URL__', apiUrl);
  await writeFile(join(outDir, 'index.html'), html);
  await writeFile(join(outDir, 'app.css'), await readFile(join(here, 'src/static/app.css')));
  const files: BuiltFile[] = [];
  for (const name of ['index.html', 'app.js', 'app.css']) {
    const bytes = await readFile(join(outDir, name));
    files.push({ name, bytes: bytes.length, gzipBytes: gzipSync(bytes).length });
  }
  return files;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, 'api-url': { type: 'string' } },
  });
  const out = resolve(values.out ?? join(here, 'dist'));
  const files = await buildDashboard(out, values['api-url'] ?? '');
  console.log(`dashboard → ${out}`);
  for (const f of files) {
    console.log(
      `  ${f.name.padEnd(11)} ${(f.bytes / 1024).toFixed(1).padStart(7)} KB  (gzip ${(f.gzipBytes / 1024).toFixed(1)} KB)`,
    );
  }
  const total = files.reduce((n, f) => n + f.gzipBytes, 0);
  console.log(`  total gzip  ${(total / 1024).toFixed(1)} KB`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
