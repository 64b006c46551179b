// Lint rules for every project. The module-boundary rule is the architecture written as
// code (ARCHITECTURE.md "Nx projects"): it is never relaxed to '*'.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const AWS_AND_FRAMEWORKS = [
  '@aws-sdk/*',
  '@aws-lambda-powertools/*',
  'inversify',
  'reflect-metadata',
  'hono',
  '@hono/*',
  'openai',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.nx/**', '**/coverage/**', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    // Project sources only: per-project tool configs (vitest.config.ts) share root helpers.
    files: ['**/src/**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: AWS_AND_FRAMEWORKS,
            },
            {
              sourceTag: 'type:analysis',
              onlyDependOnLibsWithTags: ['type:domain'],
              bannedExternalImports: AWS_AND_FRAMEWORKS,
            },
            {
              // Code that also runs in the browser (the dashboard): the storyboard renderer
              // and the API client. Domain types only; no AWS, DI or server framework.
              sourceTag: 'type:client',
              onlyDependOnLibsWithTags: ['type:domain', 'type:client'],
              bannedExternalImports: AWS_AND_FRAMEWORKS,
            },
            {
              sourceTag: 'type:adapter',
              onlyDependOnLibsWithTags: ['type:domain', 'type:analysis'],
            },
            {
              sourceTag: 'type:wiring',
              onlyDependOnLibsWithTags: ['type:adapter', 'type:analysis', 'type:domain'],
            },
            {
              // Tools may build on each other (the bundle check runs on the local stack);
              // apps other than the CLI, bench and tests never import tools.
              sourceTag: 'type:tool',
              onlyDependOnLibsWithTags: [
                'type:tool',
                'type:wiring',
                'type:adapter',
                'type:analysis',
                'type:domain',
              ],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:wiring',
                'type:adapter',
                'type:analysis',
                'type:domain',
                'type:tool',
                'type:client',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // Code that runs on Lambda never loads the local stack or other dev tools (ARCHITECTURE.md
    // "tools are imported by tests, the CLI's dev mode and the bench, never by Lambda handlers").
    files: ['apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts', 'apps/sfn-tasks/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**', '**/bench/**', 'apps/api/src/server.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@storyboard/local-stack',
                '@storyboard/local-stack/*',
                '@storyboard/lambda-bundles',
                '@storyboard/domain/testing',
              ],
              message:
                'Lambda handler code must not import dev tools; only tests and npm start may.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
