import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { handle } from 'hono/aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import type { Api } from '../app';

export interface ApiRequest {
  method: string;
  /** Path with an optional query string: `/novels?title=x`. */
  path: string;
  /** The caller: `X-User-Id` over HTTP (AUTH_MODE=dev), the JWT `sub` claim on Lambda. */
  user?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): any;
}

/** One way to reach the API; every scenario runs through each. */
export interface Transport {
  name: 'http' | 'lambda';
  send(req: ApiRequest): Promise<ApiResponse>;
}

const response = (status: number, headers: Headers, text: string): ApiResponse => ({
  status,
  headers,
  text,
  json: () => JSON.parse(text),
});

/** The real HTTP server (@hono/node-server on 127.0.0.1), with dev auth. */
export function httpTransport(baseUrl: string): Transport {
  return {
    name: 'http',
    async send({ method, path, user, headers = {}, body }) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...(user ? { 'x-user-id': user } : {}), ...headers },
        body: body as RequestInit['body'],
      });
      return response(res.status, res.headers, await res.text());
    },
  };
}

/** The Lambda adapter (`handle(app)`) fed API Gateway HTTP API v2 events, with JWT auth. */
export function lambdaTransport(app: Api): Transport {
  const handler = handle(app);
  return {
    name: 'lambda',
    async send(req) {
      const result = await handler(apiGatewayV2Event(req) as unknown as LambdaEvent);
      const text = result.isBase64Encoded
        ? Buffer.from(result.body, 'base64').toString('utf8')
        : result.body;
      const headers = new Headers();
      for (const [k, v] of Object.entries(result.headers ?? {})) {
        headers.set(k, Array.isArray(v) ? v.join(', ') : String(v));
      }
      return response(result.statusCode, headers, text);
    },
  };
}

/**
 * An API Gateway HTTP API (payload format 2.0) event as the JWT authorizer delivers it: the
 * verified claims under `requestContext.authorizer.jwt.claims`; bodies base64-encoded (as
 * API Gateway does for non-text types; the adapter decodes them).
 */
export function apiGatewayV2Event({
  method,
  path,
  user,
  headers = {},
  body,
}: ApiRequest): APIGatewayProxyEventV2WithJWTAuthorizer {
  const [rawPath = '/', rawQueryString = ''] = path.split(/\?(.*)/s);
  const query = new URLSearchParams(rawQueryString);
  const now = new Date();
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: {
      host: 'api.example.test',
      'user-agent': 'vitest',
      ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    },
    queryStringParameters: rawQueryString ? Object.fromEntries(query) : undefined,
    requestContext: {
      accountId: '123456789012',
      apiId: 'storyboard',
      domainName: 'api.example.test',
      domainPrefix: 'api',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.1',
        userAgent: 'vitest',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      authorizer: user
        ? {
            principalId: '',
            integrationLatency: 0,
            jwt: {
              claims: { sub: user, iss: 'https://issuer.example.test', aud: 'storyboard' },
              scopes: null,
            },
          }
        : undefined,
    },
    body:
      body === undefined
        ? undefined
        : Buffer.from(typeof body === 'string' ? Buffer.from(body, 'utf8') : body).toString(
            'base64',
          ),
    isBase64Encoded: body !== undefined,
  };
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}
