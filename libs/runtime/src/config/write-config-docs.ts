import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONFIG_DOC } from './config';
import { CONFIG_TABLE_END, CONFIG_TABLE_START, renderConfigMarkdown } from './config-doc';

/** `npm run docs:config`: rewrites the README's configuration table from the config schema
 * (then lets prettier align it). The config spec fails while the README differs. */
const readme = fileURLToPath(new URL('../../../../README.md', import.meta.url));
const text = readFileSync(readme, 'utf8');
const [before, rest] = text.split(CONFIG_TABLE_START);
const after = rest?.split(CONFIG_TABLE_END)[1];
if (before === undefined || after === undefined) {
  throw new Error(`README.md has no ${CONFIG_TABLE_START} … ${CONFIG_TABLE_END} section.`);
}
const table = renderConfigMarkdown(CONFIG_DOC);
writeFileSync(readme, `${before}${CONFIG_TABLE_START}\n\n${table}\n\n${CONFIG_TABLE_END}${after}`);
execFileSync('npx', ['prettier', '--write', readme], { stdio: 'inherit' });
