import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedTestConfig('infra'),
  defineConfig({ test: { globalSetup: ['./src/testing/global-setup.ts'] } }),
);
