import { randomUUID } from 'node:crypto';

/** An API Gateway HTTP API (payload v2) event with the JWT authorizer's `sub` claim. */
export function apiEvent(
  method: string,
  path: string,
  sub: string,
  body?: Uint8Array,
  contentType?: string,
): unknown {
  const [rawPath = '/', rawQueryString = ''] = path.split('?');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: { host: 'api.bench', ...(contentType ? { 'content-type': contentType } : {}) },
    queryStringParameters: rawQueryString
      ? Object.fromEntries(new URLSearchParams(rawQueryString))
      : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'storyboard',
      domainName: 'api.bench',
      domainPrefix: 'api',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
      authorizer: { jwt: { claims: { sub }, scopes: [] } },
    },
    body: body ? Buffer.from(body).toString('base64') : undefined,
    isBase64Encoded: body !== undefined,
  };
}
