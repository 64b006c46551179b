import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_PATH, renderApiTypes } from '../testing/api-types';
import type { OpenApiDocument } from '../testing/openapi-documents';
import { readOpenApiDocuments } from '../testing/openapi-documents';

const run = promisify(execFile);
const REDOCLY_BIN = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
const REDOCLY_CONFIG = join(import.meta.dirname, '../../redocly.yaml');

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: {
    ruleId: string;
    severity: string;
    message: string;
    location: { pointer: string }[];
  }[];
}

let docs: Record<'dev' | 'jwt', OpenApiDocument>;
let dir: string;

beforeAll(async () => {
  docs = await readOpenApiDocuments();
  dir = await mkdtemp(join(tmpdir(), 'storyboard-openapi-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the OpenAPI document', () => {
  it.each(['dev', 'jwt'] as const)(
    'passes redocly lint (recommended rules) with no error and no warning (AUTH_MODE=%s)',
    async (mode) => {
      const file = join(dir, `openapi-${mode}.json`);
      await writeFile(file, JSON.stringify(docs[mode], null, 2));
      // Offline and quiet: no telemetry, no update check (the config also says telemetry: off).
      const { stdout } = await run(
        process.execPath,
        [REDOCLY_BIN, 'lint', file, '--config', REDOCLY_CONFIG, '--format', 'json'],
        {
          env: {
            ...process.env,
            REDOCLY_TELEMETRY: 'off',
            REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
            NO_COLOR: '1',
          },
        },
      ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? String(err) }));
      const report = JSON.parse(stdout) as LintReport;
      const found = report.problems.map(
        (p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`,
      );
      expect(found).toEqual([]);
      expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
    },
    60_000,
  );

  it('gives every operation a unique operationId, a summary and a description', () => {
    const operations = Object.values(docs.dev.paths as Record<string, Record<string, unknown>>)
      .flatMap((item) => Object.values(item))
      .map((op) => op as { operationId?: string; summary?: string; description?: string });
    const ids = operations.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(operations.filter((op) => !op.summary || !op.description)).toEqual([]);
  });
});

describe('the typed client’s types (libs/client/src/api/storyboard-api.gen.ts)', () => {
  it('are what openapi-typescript generates from the document today', async () => {
    const expected = await renderApiTypes(docs.dev);
    const committed = await readFile(API_TYPES_PATH, 'utf8');
    // On failure: the API's schemas changed; run `npm run gen:api-types` and commit the file.
    expect(committed === expected, 'run `npm run gen:api-types`').toBe(true);
  });
});
