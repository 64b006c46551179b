import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error answer of the AWS JSON 1.0 protocol (`__type` is what the SDK maps to a class). */
export class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** One operation of the API: its JSON input → its JSON output, or an {@link ApiError}. */
export type OperationDispatch = (operation: string, input: Record<string, unknown>) => unknown;

/** Epoch seconds, as the JSON protocol carries timestamps. */
export const seconds = (date: Date): number => date.getTime() / 1000;

/**
 * Serves one request of the AWS JSON 1.0 protocol: the operation is the `X-Amz-Target`
 * header without `targetPrefix`, the body its JSON input. Errors answer as the SDK expects
 * them (`__type` + `message`); anything not an {@link ApiError} is an `InternalFailure`.
 */
export async function serveAwsJson(
  req: IncomingMessage,
  res: ServerResponse,
  targetPrefix: string,
  dispatch: OperationDispatch,
): Promise<void> {
  const target = String(req.headers['x-amz-target'] ?? '');
  let status = 200;
  let body: unknown;
  try {
    const raw = await readBody(req);
    const input = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    body = dispatch(
      target.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : target,
      input,
    );
  } catch (err) {
    const apiError =
      err instanceof ApiError
        ? err
        : err instanceof SyntaxError
          ? new ApiError('SerializationException', err.message)
          : new ApiError('InternalFailure', String(err), 500);
    status = apiError.status;
    body = { __type: apiError.type, message: apiError.message };
  }
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(payload);
}

/** The field as a non-empty string, or the `ValidationException` AWS answers. */
export function requireString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') {
    throw new ApiError(
      'ValidationException',
      `1 validation error detected: '${field}' must not be null`,
    );
  }
  return value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
