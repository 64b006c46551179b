import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey } from 'jose';
import { createLogger, TOKENS } from '@storyboard/runtime';
import { startLocalApp } from '@storyboard/local-stack';
import type { LocalApp } from '@storyboard/local-stack';
import { createApi } from '../app';
import type { Api } from '../app';
import { createJwtVerifier } from './jwt-verifier';

/** In-app JWT verification (function URL, no authorizer) against a JWKS served on loopback,
 * with a key generated here: no network beyond 127.0.0.1. */
describe('bearer tokens verified against the issuer’s JWKS', () => {
  let jwks: Server;
  let issuer: string;
  let key: CryptoKey;
  let otherKey: CryptoKey;
  let local: LocalApp;
  let app: Api;
  let jobId: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    key = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const publicKey = await exportJWK(pair.publicKey);
    jwks = createServer((req, res) => {
      if (req.url !== '/.well-known/jwks.json') return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [{ ...publicKey, kid: 'k1', alg: 'RS256', use: 'sig' }] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
    local = await startLocalApp({ backend: 'sync', env: { LOG_LEVEL: 'SILENT' } });
    app = createApi({
      container: local.container,
      config: { ...local.config, AUTH_MODE: 'jwt' },
      logger: createLogger('test', 'SILENT'),
      verifyBearer: createJwtVerifier({ issuer, audience: 'storyboard' }),
    });
    const novel = await local.container
      .get(TOKENS.SubmitNovel)
      .execute({ ownerId: 'user-1', title: 'T', bytes: new TextEncoder().encode('# One\n\nHi.') });
    const job = await local.container
      .get(TOKENS.RequestAnalysis)
      .execute({ ownerId: 'user-1', novelId: novel.id });
    jobId = job.id;
  });
  afterAll(async () => {
    jwks?.close();
    await local?.close();
  });

  const token = (
    opts: { sub?: string; iss?: string; aud?: string; exp?: string; signer?: CryptoKey } = {},
  ) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject(opts.sub ?? 'user-1')
      .setIssuer(opts.iss ?? issuer)
      .setAudience(opts.aud ?? 'storyboard')
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m')
      .sign(opts.signer ?? key);

  const events = async (bearer?: string) =>
    app.request(`/jobs/${jobId}/events`, {
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });

  it('streams the owner’s job for a valid token', async () => {
    const res = await events(await token());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await res.text()).toMatch(/event: job\n/);
  });

  it('404 for a valid token of another user', async () => {
    expect((await events(await token({ sub: 'user-2' }))).status).toBe(404);
  });

  it.each([
    ['no token', async () => undefined],
    ['another key', async () => token({ signer: otherKey })],
    ['another issuer', async () => token({ iss: 'https://evil.example' })],
    ['another audience', async () => token({ aud: 'someone-else' })],
    ['an expired token', async () => token({ exp: '-1m' })],
    ['garbage', async () => 'not.a.jwt'],
  ])('401 problem+json for %s', async (_, make) => {
    const res = await events(await make());
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
