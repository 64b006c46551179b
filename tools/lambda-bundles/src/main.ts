import { resolve } from 'node:path';
import { bundleLambdas } from './bundle-lambdas';

// `npm run build:lambdas`: writes dist/lambdas/<function>/index.cjs for deployment.
const root = resolve(import.meta.dirname, '../../..');
const outdir = resolve(root, 'dist/lambdas');
const results = await bundleLambdas(root, outdir);
for (const r of results) {
  console.log(`${r.name.padEnd(18)} ${(r.bytes / 1024).toFixed(0).padStart(6)} KB  ${r.file}`);
}
