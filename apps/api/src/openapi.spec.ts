import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@storyboard/runtime';
import { startLocalApp } from '@storyboard/local-stack';
import type { LocalApp } from '@storyboard/local-stack';
import type { Api } from './app';
import { createApi } from './app';

interface OpenApiDoc {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content: Record<string, unknown> };
        responses: Record<string, { content?: Record<string, unknown> }>;
      }
    >
  >;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

const openapi = async (): Promise<OpenApiDoc> =>
  (await app.request('/openapi.json')).json() as Promise<OpenApiDoc>;

let local: LocalApp;
let app: Api;

beforeAll(async () => {
  local = await startLocalApp({ backend: 'sync', env: { LOG_LEVEL: 'SILENT' } });
  app = createApi({
    container: local.container,
    config: local.config,
    logger: createLogger('api', 'SILENT'),
  });
});
afterAll(() => local.close());

const ROUTES = [
  'post /novels',
  'get /novels',
  'get /novels/{id}',
  'post /novels/{id}/analyses',
  'get /novels/{id}/jobs',
  'get /jobs/{id}',
  'get /jobs/{id}/storyboard',
  'get /jobs/{id}/events',
  'post /jobs/{id}/cancel',
  'post /jobs/{id}/retry',
];

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document listing every route', async () => {
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApiDoc;
    expect(doc.openapi).toBe('3.1.0');
    await expect(
      SwaggerParser.validate(
        structuredClone(doc) as unknown as Parameters<typeof SwaggerParser.validate>[0],
      ),
    ).resolves.toBeTruthy();
    const listed = Object.entries(doc.paths as Record<string, object>).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    expect(listed.sort()).toEqual([...ROUTES].sort());
  });

  it('describes errors as problem+json and the storyboard with the domain schema', async () => {
    const doc = await openapi();
    expect(doc.components.schemas).toHaveProperty('Problem');
    expect(doc.components.schemas).toHaveProperty('Storyboard');
    expect(doc.components.schemas.Storyboard?.properties.schemaVersion).toMatchObject({
      enum: [1],
    });
    expect(doc.paths['/jobs/{id}']?.get?.responses['404']?.content).toHaveProperty(
      'application/problem+json',
    );
    expect(Object.keys(doc.paths['/novels']?.post?.requestBody?.content ?? {}).sort()).toEqual([
      'application/json',
      'text/plain',
    ]);
  });
});

describe('GET /docs', () => {
  it('is a self-contained HTML reference of every route (nothing fetched from elsewhere)', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    for (const route of ROUTES) {
      const [method = '', path = ''] = route.split(' ');
      expect(html).toContain(`${method.toUpperCase()}</span> <code>${path}</code>`);
    }
    expect(html).toContain('application/problem+json');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
