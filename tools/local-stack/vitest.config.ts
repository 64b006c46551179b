import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

// Every test file starts its own stack, but all of them load the same four SDK clients and
// emulators: sharing the module cache between files (isolate: false) saves most of the time.
export default mergeConfig(
  sharedTestConfig('local-stack'),
  defineConfig({ test: { isolate: false } }),
);
