import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, createServer, request } from 'node:http';

export type AwsService = 'dynamodb' | 's3' | 'sqs' | 'sfn' | 'lambda';

/** One AWS API request as a client sent it (bodies as framed on the wire). */
export interface CountedRequest {
  service: AwsService;
  operation: string;
  requestBytes: number;
  responseBytes: number;
}

export interface CountingProxy {
  url: string;
  requests: CountedRequest[];
  close(): Promise<void>;
}

/** The operation of an AWS request: the JSON protocols' `X-Amz-Target`, or for S3 the
 * method (a GET of the bucket itself, with no key, is a LIST). */
function operationOf(service: AwsService, req: IncomingMessage): string {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return target.slice(target.lastIndexOf('.') + 1);
  if (service === 'lambda') return lambdaOperation(req.method ?? 'GET', req.url ?? '/');
  if (service === 's3') {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const isBucket = path.split('/').filter(Boolean).length <= 1;
    return req.method === 'GET' && isBucket ? 'LIST' : (req.method ?? 'GET');
  }
  return req.method ?? 'UNKNOWN';
}

/** Lambda's REST-JSON API names the operation by method and path. */
function lambdaOperation(method: string, url: string): string {
  const path = url.split('?')[0] ?? '/';
  if (path.endsWith('/invocations')) return 'Invoke';
  if (path.endsWith('/checkpoint')) return 'CheckpointDurableExecution';
  if (path.endsWith('/state')) return 'GetDurableExecutionState';
  if (path.endsWith('/stop')) return 'StopDurableExecution';
  if (path.endsWith('/durable-executions')) return 'ListDurableExecutionsByFunction';
  return method === 'GET' ? 'GetDurableExecution' : method;
}

/**
 * A loopback HTTP proxy in front of one emulator that records every request passing through
 * it: the functions' SDK clients are pointed at it (`AWS_ENDPOINT_URL_*`), so the requests a
 * run makes are counted at the clients' side of the wire, whatever process sends them.
 */
export async function startCountingProxy(
  service: AwsService,
  target: string,
): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const requests: CountedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const counted: CountedRequest = {
      service,
      operation: operationOf(service, req),
      requestBytes: 0,
      responseBytes: 0,
    };
    requests.push(counted);
    const out = request(
      {
        agent,
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (chunk: Buffer) => (counted.responseBytes += chunk.length));
        answer.pipe(res);
      },
    );
    out.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${err.message}`);
    });
    req.on('data', (chunk: Buffer) => (counted.requestBytes += chunk.length));
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
