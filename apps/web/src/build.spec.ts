import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDashboard, dashboardCsp } from '../build';

describe('dashboard build', () => {
  it('writes a small bundle with a strict CSP and nothing fetched from elsewhere', async () => {
    const out = await mkdtemp(join(tmpdir(), 'web-build-'));
    const files = await buildDashboard(out);
    expect(files.map((f) => f.name)).toEqual(['index.html', 'app.js', 'app.css']);
    const js = files.find((f) => f.name === 'app.js')!;
    expect(js.gzipBytes).toBeLessThan(60 * 1024);
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain(`content="${dashboardCsp('')}"`);
    expect(dashboardCsp('')).not.toMatch(/unsafe-(inline|eval)/);
    const all = html + (await readFile(join(out, 'app.css'), 'utf8'));
    expect(all).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(all).not.toMatch(/@import|url\(\s*['"]?https?:/);
  });
});
