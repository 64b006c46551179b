import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHarness } from './testing/api-harness';
import { ApiClient, expectStatus, sampleNovel, startApiHarness } from './testing/api-harness';
import type { ApiRequest } from './testing/transports';
import { MAX_INLINE_BYTES } from './routes/novels.routes';
import { encodeCursor } from './http/cursor';
import { expectProblem } from './testing/expect-problem';

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
});

/** The sample's first chapters, under the sync limit. */
function shortStory(bytes: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  const cut = text.lastIndexOf('\n\n', 3000);
  return new TextEncoder().encode(text.slice(0, cut > 0 ? cut : 3000));
}
