import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ApiHarness } from './testing/api-harness';
import { startApiHarness } from './testing/api-harness';
import { encodeCursor } from './http/cursor';

// Generated bad input (fast-check) through both transports, on the sync backend: whatever
// arrives, the answer is a 4xx problem+json that echoes nothing it was sent. The hand-written
// cases are in bad-input.int.spec.ts.
let harness: ApiHarness;
const UNKNOWN = '7d444840-9dc0-11d1-b245-5ffdce74fad2';

beforeAll(async () => {
  harness = await startApiHarness('sync', { SYNC_MAX_CHARS: '5000' });
});
afterAll(async () => {
  await harness?.close();
});

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
/** A novel cursor for `user` around a repository position `{c, i}`: what a forger can build. */
const novelCursorOf = (user: string, c: string, i: string) =>
  encodeCursor('nv1', user, b64(JSON.stringify({ c, i })));

describe.each(['http', 'lambda'] as const)('generated bad input through %s', (transportName) => {
  const transport = () => {
    const found = harness.transports.find((t) => t.name === transportName);
    if (!found) throw new Error(transportName);
    return found;
  };

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
