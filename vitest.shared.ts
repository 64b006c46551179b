import type { ViteUserConfig } from 'vitest/config';

/** One test setup for every project: no watch mode, tsconfig path aliases, and decorators
 * compiled the way the esbuild Lambda bundles compile them (see TOOLCHAIN.md). */
export function sharedTestConfig(name: string): ViteUserConfig {
  return {
    resolve: { tsconfigPaths: true },
    oxc: { decorator: { legacy: true, emitDecoratorMetadata: false } },
    test: {
      name,
      watch: false,
      include: ['src/**/*.spec.ts'],
      environment: 'node',
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  } as ViteUserConfig;
}
