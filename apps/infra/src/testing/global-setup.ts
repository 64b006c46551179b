import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleLambdas } from '@storyboard/lambda-bundles';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where this run's `bundleLambdas` output is (the artifacts the stack deploys). */
    bundlesDir: string;
  }
}

export const WORKSPACE_ROOT = resolve(import.meta.dirname, '../../../..');

/** Bundles every handler once per test run with the same function `npm run build:lambdas`
 * and the bundle test use, inside the workspace so `@aws-sdk/*` resolves when a test loads
 * a bundle. */
export default async function setup(project: TestProject) {
  await mkdir(join(WORKSPACE_ROOT, 'tmp'), { recursive: true });
  const dir = await mkdtemp(join(WORKSPACE_ROOT, 'tmp', 'infra-bundles-'));
  await bundleLambdas(WORKSPACE_ROOT, dir);
  project.provide('bundlesDir', dir);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
