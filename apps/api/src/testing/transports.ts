import { handle } from 'hono/aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import { apiGatewayV2Event } from '@storyboard/aws/testing';
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
