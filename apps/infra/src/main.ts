import { resolve } from 'node:path';
import { createApp } from './create-app';

// `npm run synth` / `deploy` / `destroy` (apps/infra/cdk.json): the bundles of
// `npm run build:lambdas`, settings from context (`-c stage=prod -c executionBackend=…`).
const root = resolve(import.meta.dirname, '../../..');
const { app } = createApp({ bundlesDir: resolve(root, 'dist/lambdas') });
app.synth();
