/**
 * The runtime inside one simulated Lambda execution environment (a child process started by
 * LambdaSimulator): loads the function's module once (the init phase), then answers each
 * `invoke` message by calling the handler and posting `done`. The parent suspends this process
 * (SIGSTOP) as soon as `done` arrives, so whatever the handler left running stops with it.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { ChildMessage, InvokeMessage } from './protocol';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const modulePath = process.env.SIM_HANDLER_MODULE ?? '';
const exportName = process.env.SIM_HANDLER_EXPORT ?? 'handler';
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'function';

function send(message: ChildMessage): void {
  process.send?.(message);
}

function context(message: InvokeMessage) {
  const deadline = Date.now() + message.timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '1024',
    awsRequestId: message.requestId || randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `sim/[$LATEST]${process.pid}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

function errorOf(err: unknown): { name: string; message: string; stack?: string } {
  if (err instanceof Error)
    return { name: err.name || 'Error', message: err.message, stack: err.stack };
  return { name: 'Error', message: String(err) };
}

async function main(): Promise<void> {
  const initStarted = performance.now();
  let handler: Handler;
  try {
    const mod = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
    const found =
      mod[exportName] ?? (mod.default as Record<string, unknown> | undefined)?.[exportName];
    if (typeof found !== 'function')
      throw new Error(`${modulePath} exports no function "${exportName}"`);
    handler = found as Handler;
  } catch (err) {
    send({ type: 'init-error', error: errorOf(err) });
    process.exitCode = 1;
    return;
  }
  send({ type: 'ready', initMs: performance.now() - initStarted });
  process.on('message', (message: InvokeMessage) => {
    if (message?.type !== 'invoke') return;
    const started = performance.now();
    void Promise.resolve()
      .then(() => handler(message.event, context(message)))
      .then(
        (result) =>
          send({
            type: 'done',
            id: message.id,
            ok: true,
            result,
            durationMs: performance.now() - started,
          }),
        (err: unknown) =>
          send({
            type: 'done',
            id: message.id,
            ok: false,
            error: errorOf(err),
            durationMs: performance.now() - started,
          }),
      );
  });
}

await main();
