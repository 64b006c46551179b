import { fork } from 'node:child_process';
import { InvocationError } from './invocation-error';
import type { ChildMessage } from './protocol';
import type { Environment, FunctionRuntime } from './types';

export interface SpawnHooks {
  /** The environment's invocation answered (`done`). */
  onDone(env: Environment, message: Extract<ChildMessage, { type: 'done' }>): void;
  /** Init failed, or the process exited. */
  onCrash(env: Environment): void;
}

/**
 * Starts one execution environment of `fn`: a child process running the environment runtime
 * with only the function's own variables (and PATH). `env.ready` resolves with the init
 * duration once the handler module is loaded, or rejects `Runtime.InitError`.
 */
export function spawnEnvironment(
  fn: FunctionRuntime,
  runtime: string,
  id: number,
  compileCacheDir: string | undefined,
  hooks: SpawnHooks,
): Environment {
  const started = performance.now();
  const child = fork(runtime, [], {
    execArgv: [],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      PATH: process.env.PATH ?? '',
      ...fn.spec.env,
      AWS_LAMBDA_FUNCTION_NAME: fn.spec.name,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.spec.memoryMb),
      // V8's on-disk code cache: a cold start parses the same bundle and SDK files again
      // and again on this machine; Lambda's own init is far quicker than ours either way.
      ...(compileCacheDir ? { NODE_COMPILE_CACHE: compileCacheDir } : {}),
      SIM_HANDLER_MODULE: fn.spec.module,
      SIM_HANDLER_EXPORT: fn.spec.exportName ?? 'handler',
    },
  });
  const env: Environment = { id, fn, child, state: 'init', ready: Promise.resolve(0) };
  env.ready = new Promise<number>((resolveReady, rejectReady) => {
    child.once('exit', (code, signal) =>
      rejectReady(
        new InvocationError(
          'Runtime.InitError',
          `environment exited during init (${signal ?? code})`,
          id,
        ),
      ),
    );
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolveReady(performance.now() - started);
      else if (message.type === 'init-error')
        rejectReady(
          new InvocationError(
            'Runtime.InitError',
            `${message.error.name}: ${message.error.message}`,
            id,
          ),
        );
      else hooks.onDone(env, message);
    });
  });
  env.ready.catch(() => hooks.onCrash(env));
  child.on('exit', () => hooks.onCrash(env));
  return env;
}
