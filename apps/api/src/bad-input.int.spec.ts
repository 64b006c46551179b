import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ApiHarness } from './testing/api-harness';
import { ApiClient, expectStatus, sampleNovel, startApiHarness } from './testing/api-harness';
import type { ApiRequest, ApiResponse } from './testing/transports';
import { MAX_INLINE_BYTES } from './routes/novels.routes';
import { encodeCursor } from './http/cursor';

// The sync backend on the local stack (S3 signs upload URLs), with the default
// SYNC_MAX_CHARS (5,000) so the sample novel (7,658 characters) is too long for it.
let harness: ApiHarness;
let sample: Uint8Array;
const UNKNOWN = '7d444840-9dc0-11d1-b245-5ffdce74fad2';
const BAD_UUID = '7d444840-9dc0-11d1-b245-5ffdce74fad';

beforeAll(async () => {
  sample = await sampleNovel();
  harness = await startApiHarness('sync', { SYNC_MAX_CHARS: '5000' });
});
afterAll(async () => {
  await harness?.close();
});

/** A problem+json answer with the status and code expected, and nothing internal in it. */
function expectProblem(res: ApiResponse, status: number, code: string | RegExp) {
  expect({ status: res.status, body: res.text.slice(0, 300) }).toMatchObject({ status });
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = res.json();
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:storyboard:problem:/) });
  expect(body.code).toMatch(code);
  expect(body.title).toEqual(expect.any(String));
  expect(body.detail).toEqual(expect.any(String));
  expect(res.text).not.toMatch(/\bat .+:\d+:\d+|node_modules|Error:/);
  return body;
}

type Case = [
  name: string,
  req: Omit<ApiRequest, 'user'> & { user?: string | null },
  status: number,
  code: string,
];

const json = { 'content-type': 'application/json' };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
/** A novel cursor for `user` around a repository position `{c, i}`: what a forger can build. */
const novelCursorOf = (user: string, c: string, i: string) =>
  encodeCursor('nv1', user, b64(JSON.stringify({ c, i })));
const text = { 'content-type': 'text/plain' };

const CASES: Case[] = [
  [
    'malformed JSON',
    { method: 'POST', path: '/novels', headers: json, body: '{"title":' },
    400,
    'INPUT.MALFORMED_JSON',
  ],
  [
    'JSON with wrong fields',
    { method: 'POST', path: '/novels', headers: json, body: '{"title":"","sizeBytes":-1}' },
    400,
    'INPUT.INVALID',
  ],
  [
    'a JSON array',
    { method: 'POST', path: '/novels', headers: json, body: '[1,2]' },
    400,
    'INPUT.INVALID',
  ],
  [
    'wrong content type',
    {
      method: 'POST',
      path: '/novels?title=x',
      headers: { 'content-type': 'application/xml' },
      body: '<novel/>',
    },
    415,
    'INPUT.UNSUPPORTED_MEDIA_TYPE',
  ],
  [
    'a body without content type',
    { method: 'POST', path: '/novels?title=x', body: new TextEncoder().encode('Once upon a time') },
    415,
    'INPUT.UNSUPPORTED_MEDIA_TYPE',
  ],
  [
    'empty text body',
    { method: 'POST', path: '/novels?title=x', headers: text, body: '' },
    400,
    'INPUT.EMPTY_BODY',
  ],
  [
    'text without a title',
    { method: 'POST', path: '/novels', headers: text, body: 'Once upon a time.' },
    400,
    'INPUT.INVALID',
  ],
  [
    'oversized inline body',
    {
      method: 'POST',
      path: '/novels?title=big',
      headers: text,
      body: new Uint8Array(MAX_INLINE_BYTES + 1).fill(97),
    },
    413,
    'INPUT.BODY_TOO_LARGE',
  ],
  [
    'upload bigger than MAX_NOVEL_BYTES',
    {
      method: 'POST',
      path: '/novels',
      headers: json,
      body: JSON.stringify({ title: 'huge', sizeBytes: 60 * 1024 * 1024 }),
    },
    413,
    'NOVEL.TOO_LARGE',
  ],
  [
    'bytes that are not text',
    {
      method: 'POST',
      path: '/novels?title=junk',
      headers: text,
      body: new Uint8Array(4000).map((_, i) => ((i * 7) % 31) + 1),
    },
    422,
    'NOVEL.INVALID_TEXT',
  ],
  ['a malformed novel id', { method: 'GET', path: '/novels/not-an-id' }, 400, 'INPUT.INVALID'],
  ['a malformed job id', { method: 'GET', path: `/jobs/${BAD_UUID}` }, 400, 'INPUT.INVALID'],
  ['a malformed id to cancel', { method: 'POST', path: '/jobs/123/cancel' }, 400, 'INPUT.INVALID'],
  ['an unknown novel', { method: 'GET', path: `/novels/${UNKNOWN}` }, 404, 'NOVEL.NOT_FOUND'],
  [
    'analysis of an unknown novel',
    { method: 'POST', path: `/novels/${UNKNOWN}/analyses` },
    404,
    'NOVEL.NOT_FOUND',
  ],
  ['an unknown job', { method: 'GET', path: `/jobs/${UNKNOWN}` }, 404, 'JOB.NOT_FOUND'],
  [
    'retry of an unknown job',
    { method: 'POST', path: `/jobs/${UNKNOWN}/retry` },
    404,
    'JOB.NOT_FOUND',
  ],
  ['an unknown route', { method: 'GET', path: '/nope' }, 404, 'ROUTE.NOT_FOUND'],
  [
    'an unknown sub-route',
    { method: 'GET', path: `/jobs/${UNKNOWN}/panels` },
    404,
    'ROUTE.NOT_FOUND',
  ],
  ['a wrong method', { method: 'DELETE', path: '/novels' }, 405, 'ROUTE.METHOD_NOT_ALLOWED'],
  ['a limit out of range', { method: 'GET', path: '/novels?limit=0' }, 400, 'INPUT.INVALID'],
  [
    'a limit that is not a number',
    { method: 'GET', path: `/jobs/${UNKNOWN}/storyboard?limit=ten` },
    400,
    'INPUT.INVALID',
  ],
  [
    'a cursor this API never issued',
    { method: 'GET', path: '/novels?cursor=bm9wZQ' },
    400,
    'INPUT.INVALID',
  ],
  [
    'a storyboard cursor from nowhere',
    { method: 'GET', path: `/jobs/${UNKNOWN}/storyboard?cursor=abc` },
    400,
    'INPUT.INVALID',
  ],
  [
    'a limit in exponent notation',
    { method: 'GET', path: '/novels?limit=1e1' },
    400,
    'INPUT.INVALID',
  ],
  ['a hexadecimal limit', { method: 'GET', path: '/novels?limit=0x10' }, 400, 'INPUT.INVALID'],
  [
    'a well-encoded cursor holding an oversized key',
    {
      method: 'GET',
      path: `/novels?cursor=${novelCursorOf('erin', '2026-01-01T00:00:00.000Z', 'x'.repeat(1200))}`,
    },
    400,
    'INPUT.INVALID',
  ],
  [
    'a cursor issued to another user',
    {
      method: 'GET',
      path: `/novels?cursor=${novelCursorOf('mallory', '2026-01-01T00:00:00.000Z', 'n1')}`,
    },
    400,
    'INPUT.INVALID',
  ],
  [
    'a storyboard cursor used on the novel list',
    { method: 'GET', path: `/novels?cursor=${encodeCursor('sb1', 'erin', '3')}` },
    400,
    'INPUT.INVALID',
  ],
  [
    'a cursor with characters outside base64url',
    { method: 'GET', path: '/novels?cursor=abc%2Bdef%3D' },
    400,
    'INPUT.INVALID',
  ],
  ['no user', { method: 'GET', path: '/novels', user: null }, 401, 'AUTH.UNAUTHENTICATED'],
  [
    'a user id of two dots',
    { method: 'GET', path: '/novels', user: '..' },
    401,
    'AUTH.UNAUTHENTICATED',
  ],
  [
    'a user id of one dot',
    { method: 'GET', path: '/novels', user: '.' },
    401,
    'AUTH.UNAUTHENTICATED',
  ],
  [
    'a user id with a slash',
    { method: 'GET', path: '/novels', user: 'a/b' },
    401,
    'AUTH.UNAUTHENTICATED',
  ],
];

describe.each(['http', 'lambda'] as const)('bad input through %s', (transportName) => {
  const transport = () => {
    const found = harness.transports.find((t) => t.name === transportName);
    if (!found) throw new Error(transportName);
    return found;
  };

  const table = CASES.map(([name, req, status, code]) => ({ name, req, status, code }));
  it.each(table)('$name → $status $code', async ({ req, status, code }) => {
    const user = req.user === null ? undefined : (req.user ?? 'erin');
    const res = await transport().send({ ...req, user });
    const body = expectProblem(res, status, code);
    expect(body.instance).toBe(req.path.split('?')[0]);
    if (status === 400 && code === 'INPUT.INVALID' && req.method === 'GET') {
      expect(body.errors?.length ?? 1).toBeGreaterThan(0);
    }
    if (status === 405) expect(res.headers.get('allow')).toMatch(/GET/);
  });

  it('text/plain without ?title= takes the title the text states', async () => {
    const res = await transport().send({
      method: 'POST',
      path: '/novels',
      user: 'erin',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: sample,
    });
    expectStatus(res, 201);
    expect(res.json()).toMatchObject({ title: 'The Lighthouse Keeper' });
  });

  it('a text longer than SYNC_MAX_CHARS → 413 with advice (sync backend)', async () => {
    const client = new ApiClient(transport(), 'frank');
    const novel = await client.submitText('Too long for sync', sample);
    expectStatus(novel, 201);
    const res = await client.requestAnalysis(novel.json().id);
    const body = expectProblem(res, 413, 'JOB.TOO_LARGE_FOR_SYNC');
    expect(body.detail).toMatch(/SYNC_MAX_CHARS/);
    expect(body.detail).toMatch(/sqs or stepfunctions/);
  });

  it('a direct upload: upload URL → PUT the bytes → analysis completes; analysis before the upload → 409', async () => {
    const client = new ApiClient(transport(), 'grace');
    const small = shortStory(sample);
    const created = await client.send('POST', '/novels', {
      headers: json,
      body: JSON.stringify({ title: 'Uploaded', sizeBytes: small.byteLength }),
    });
    expectStatus(created, 201);
    const { novel, upload } = created.json();
    expect(novel.status).toBe('awaiting-upload');
    expect(upload).toMatchObject({ method: 'PUT', expiresInSeconds: expect.any(Number) });
    expect(new URL(upload.url).hostname).toBe('127.0.0.1');

    expectProblem(await client.requestAnalysis(novel.id), 409, 'NOVEL.NOT_READY');
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: small });
    expect(put.status).toBe(200);
    const analysis = await client.requestAnalysis(novel.id);
    expectStatus(analysis, 200);
    expect(analysis.json()).toMatchObject({ status: 'completed', backend: 'sync' });
  });

  it('forged cursors, odd limits and dotted user ids are 4xx problem+json that never echo the cursor', async () => {
    const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
    const inner = fc.oneof(
      // Positions the repository never writes: oversized, foreign or malformed keys.
      fc
        .record({
          c: fc.oneof(fc.string({ maxLength: 40 }), fc.string({ minLength: 500, maxLength: 1200 })),
          i: fc.oneof(fc.string({ maxLength: 40 }), fc.string({ minLength: 65, maxLength: 1200 })),
        })
        .filter(({ c, i }) => !ISO.test(c) || !/^[A-Za-z0-9_-]{1,64}$/.test(i))
        .map((r) => b64(JSON.stringify(r))),
      fc.string({ maxLength: 60 }).map(b64),
      fc.json({ maxDepth: 2 }).map(b64),
    );
    const cursor = fc.oneof(
      inner.map((i) => encodeCursor('nv1', 'erin', i)),
      fc.constant(novelCursorOf('mallory', '2026-01-01T00:00:00.000Z', 'n1')),
      inner.map((i) => encodeCursor('nv1', 'mallory', i)),
      inner.map((i) => encodeCursor('sb1', 'erin', i)),
      fc.string({ minLength: 1, maxLength: 80 }).filter((c) => !/^[A-Za-z0-9_-]+$/.test(c)),
      fc.string({ minLength: 1, maxLength: 80 }).map(b64),
    );
    const limit = fc.oneof(
      fc.constantFrom('1e1', '0x10', ' 5', '5 ', '5.0', '+5', '-1', '٣', '0', '101', '0005', ''),
      fc.string({ maxLength: 6 }).filter((l) => !/^[0-9]{1,3}$/.test(l) || +l < 1 || +l > 100),
    );
    const request = fc.oneof(
      cursor.map((c) => ({ path: '/novels', query: { cursor: c }, user: 'erin', echo: c })),
      cursor.map((c) => ({
        path: `/jobs/${UNKNOWN}/storyboard`,
        query: { cursor: c },
        user: 'erin',
        echo: c,
      })),
      limit.map((l) => ({ path: '/novels', query: { limit: l }, user: 'erin', echo: '' })),
      fc.constantFrom('.', '..').map((u) => ({ path: '/novels', query: {}, user: u, echo: '' })),
    );
    await fc.assert(
      fc.asyncProperty(request, async ({ path, query, user, echo }) => {
        const res = await transport().send({
          method: 'GET',
          path: `${path}?${new URLSearchParams(query)}`,
          user,
        });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        if (echo.length >= 8) expect(res.text).not.toContain(echo);
      }),
      { numRuns: 200, seed: 20261202 },
    );
  });

  it('random methods, paths, headers and bodies never produce a 5xx', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        'novels',
        'jobs',
        'analyses',
        'storyboard',
        'cancel',
        'retry',
        UNKNOWN,
        '%',
        '%zz',
        '..',
        '',
      ),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    );
    const path = fc.oneof(
      fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/${s.join('/')}`),
      fc.constantFrom(
        '/novels',
        `/novels/${UNKNOWN}`,
        `/novels/${UNKNOWN}/analyses`,
        `/jobs/${UNKNOWN}`,
        `/jobs/${UNKNOWN}/storyboard`,
        `/jobs/${UNKNOWN}/cancel`,
      ),
    );
    const query = fc.option(
      fc
        .dictionary(
          fc.constantFrom('title', 'limit', 'cursor', 'x'),
          fc.string({ maxLength: 20 }),
          { maxKeys: 3 },
        )
        .map((q) => `?${new URLSearchParams(q)}`),
      { nil: '' },
    );
    const body = fc.option(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.json({ maxDepth: 2 }),
        fc
          .record({
            title: fc.string({ maxLength: 10 }),
            sizeBytes: fc.oneof(fc.integer(), fc.double()),
          })
          .map((r) => JSON.stringify(r)),
        fc.uint8Array({ maxLength: 200 }),
      ),
      { nil: undefined },
    );
    const contentType = fc.option(
      fc.constantFrom(
        'application/json',
        'text/plain',
        'text/plain; charset=gb18030',
        'application/xml',
        'multipart/form-data',
        'application/json; charset=utf-8',
      ),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
        path,
        query,
        contentType,
        body,
        fc.option(fc.constantFrom('erin', 'user@example.test'), { nil: undefined }),
        async (method, p, q, type, b, user) => {
          const res = await transport().send({
            method,
            path: `${p}${q}`,
            user,
            headers: type ? { 'content-type': type } : {},
            body: method === 'GET' ? undefined : b,
          });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400)
            expect(res.headers.get('content-type')).toBe('application/problem+json');
        },
      ),
      { numRuns: 150, seed: 20261130 },
    );
  });
});

/** The sample's first chapters, under the sync limit. */
function shortStory(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  const cut = text.lastIndexOf('\n\n', 3000);
  return new TextEncoder().encode(text.slice(0, cut > 0 ? cut : 3000));
}
