import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

export interface ApiGatewayV2EventInput {
  method: string;
  /** Path with an optional query string: `/novels?title=x`. */
  path: string;
  /** The JWT authorizer's `sub` claim; no authorizer context without it. */
  user?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/**
 * An API Gateway HTTP API (payload format 2.0) event as the JWT authorizer delivers it: the
 * verified claims under `requestContext.authorizer.jwt.claims`; header names lower-cased;
 * bodies base64-encoded (as API Gateway does for non-text types; the adapter decodes them).
 * The one factory for tests and benchmarks that call the API's Lambda handler.
 */
export function apiGatewayV2Event({
  method,
  path,
  user,
  headers = {},
  body,
}: ApiGatewayV2EventInput): APIGatewayProxyEventV2WithJWTAuthorizer {
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
      'user-agent': 'storyboard-test',
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
        userAgent: 'storyboard-test',
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
        : (typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body)).toString(
            'base64',
          ),
    isBase64Encoded: body !== undefined,
  };
  return event as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}
