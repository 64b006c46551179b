import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { ChildMessage } from './protocol';

/** One function, as it would be configured on Lambda. */
export interface FunctionSpec {
  name: string;
  /** Absolute path of the module that exports the handler (a bundle `.cjs`, or `.mjs`). */
  module: string;
  exportName?: string;
  /** The environment variables of the function (nothing of the parent's leaks in but PATH). */
  env?: Record<string, string>;
  memoryMb: number;
  timeoutMs: number;
  /** Reserved concurrency: at most this many environments at once. */
  concurrency: number;
  /** Fault: probability that an invocation's environment dies (SIGKILL) while it runs. */
  killRate?: number;
  /** The kill lands at a random moment in the first `killWithinMs` of the run (default 1000). */
  killWithinMs?: number;
}

export interface SimulatorOptions {
  /** An environment idle (frozen) this long is terminated (SIGKILL). */
  idleMs: number;
  /** Environments share V8's code cache in this folder (NODE_COMPILE_CACHE; default none). */
  compileCacheDir?: string;
  /** Random source for faults (default Math.random). */
  random?: () => number;
}

export type EnvironmentState = 'init' | 'busy' | 'frozen' | 'killed';

export interface StateEvent {
  fn: string;
  envId: number;
  pid: number;
  state: EnvironmentState;
  /** For `killed`: idle, fault, timeout, crash, close. */
  reason?: string;
}

export interface InvocationRecord {
  fn: string;
  envId: number;
  cold: boolean;
  startedAt: number;
  durationMs: number;
  /** Duration rounded up to 1 ms, as Lambda bills it (init included on a cold start). */
  billedMs: number;
  ok: boolean;
  errorName?: string;
}

export interface FunctionStats {
  invocations: number;
  coldStarts: number;
  errors: number;
  kills: number;
  billedMs: number;
  gbSeconds: number;
  peakConcurrency: number;
  /** Invocations that had to wait for a free environment (concurrency limit reached). */
  throttled: number;
}

/** A failed invocation as Lambda reports it: `name` is the error type (`Runtime.ExitError`…). */
export class InvocationError extends Error {
  constructor(
    name: string,
    message: string,
    readonly envId: number,
  ) {
    super(message);
    this.name = name;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  startedAt: number;
  cold: boolean;
  initMs: number;
  timers: NodeJS.Timeout[];
}

interface Environment {
  id: number;
  fn: FunctionRuntime;
  child: ChildProcess;
  state: EnvironmentState;
  ready: Promise<number>;
  idleTimer?: NodeJS.Timeout;
  pending?: Pending;
}

interface FunctionRuntime {
  spec: FunctionSpec;
  envs: Environment[];
  waiters: (() => void)[];
  stats: FunctionStats;
  busy: number;
}

const RUNTIME_SOURCE = resolve(import.meta.dirname, 'function-runtime.ts');
let runtimeBuild: Promise<string> | undefined;

/** The environment runtime as one plain ES module (built once per process with esbuild), so
 * a cold start costs Node's boot and the function's own init, not a TypeScript loader. */
function runtimeModule(): Promise<string> {
  runtimeBuild ??= (async () => {
    const outfile = join(await mkdtemp(join(tmpdir(), 'lambda-sim-')), 'function-runtime.mjs');
    await build({
      entryPoints: [RUNTIME_SOURCE],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      logLevel: 'silent',
    });
    return outfile;
  })();
  return runtimeBuild;
}

/**
 * Lambda's execution model with real processes: each function's invocations run in child
 * processes (execution environments) that run the real handler module; an environment is
 * suspended with SIGSTOP the moment its handler returns, resumed with SIGCONT only to take the
 * next invocation, and killed after `idleMs` without one. Whatever a handler left running
 * (a `setImmediate` job) is frozen with it and dies with it. Events: `state` (StateEvent),
 * `invocation` (InvocationRecord).
 */
export class LambdaSimulator extends EventEmitter {
  private readonly functions = new Map<string, FunctionRuntime>();
  private readonly random: () => number;
  private nextEnvId = 0;
  private nextInvokeId = 0;
  private closed = false;

  constructor(private readonly options: SimulatorOptions) {
    super();
    this.random = options.random ?? Math.random;
  }

  register(spec: FunctionSpec): void {
    if (spec.concurrency < 1) throw new RangeError(`${spec.name}: concurrency must be ≥ 1`);
    this.functions.set(spec.name, {
      spec,
      envs: [],
      waiters: [],
      busy: 0,
      stats: {
        invocations: 0,
        coldStarts: 0,
        errors: 0,
        kills: 0,
        billedMs: 0,
        gbSeconds: 0,
        peakConcurrency: 0,
        throttled: 0,
      },
    });
  }

  stats(name: string): FunctionStats {
    return { ...this.fn(name).stats };
  }

  functionNames(): string[] {
    return [...this.functions.keys()];
  }

  /** Environments of `name` that are alive (not killed), by state. */
  environments(name: string): { id: number; pid: number; state: EnvironmentState }[] {
    return this.fn(name).envs.map((e) => ({ id: e.id, pid: e.child.pid ?? -1, state: e.state }));
  }

  /** True when no environment of any function is starting or running an invocation. */
  idle(): boolean {
    return [...this.functions.values()].every((f) => f.busy === 0 && f.waiters.length === 0);
  }

  /** Invokes `name` synchronously (RequestResponse) and resolves with the handler's result. */
  async invoke(name: string, event: unknown): Promise<unknown> {
    if (this.closed) throw new Error('The Lambda simulator is closed.');
    const fn = this.fn(name);
    const { env, cold, initMs } = await this.acquire(fn);
    return new Promise((resolvePromise, reject) => {
      const pending: Pending = {
        resolve: resolvePromise,
        reject,
        startedAt: performance.now(),
        cold,
        initMs,
        timers: [],
      };
      env.pending = pending;
      pending.timers.push(setTimeout(() => this.kill(env, 'timeout'), fn.spec.timeoutMs));
      if (fn.spec.killRate && this.random() < fn.spec.killRate) {
        const delay = this.random() * (fn.spec.killWithinMs ?? 1000);
        pending.timers.push(setTimeout(() => this.kill(env, 'fault'), delay));
      }
      env.child.send({
        type: 'invoke',
        id: ++this.nextInvokeId,
        requestId: randomUUID(),
        event,
        timeoutMs: fn.spec.timeoutMs,
      });
    });
  }

  /** Kills every environment; pending invocations fail. */
  async close(): Promise<void> {
    this.closed = true;
    const exits: Promise<void>[] = [];
    for (const fn of this.functions.values()) {
      for (const waiter of fn.waiters.splice(0)) waiter();
      for (const env of [...fn.envs]) {
        if (env.child.exitCode === null && env.child.signalCode === null)
          exits.push(new Promise((r) => env.child.once('exit', () => r())));
        this.kill(env, 'close');
      }
    }
    await Promise.all(exits);
  }

  // ---- environments ----------------------------------------------------------------------

  private fn(name: string): FunctionRuntime {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`No simulated function "${name}".`);
    return fn;
  }

  private async acquire(
    fn: FunctionRuntime,
  ): Promise<{ env: Environment; cold: boolean; initMs: number }> {
    const runtime = await runtimeModule();
    for (let waited = false; ; waited = true) {
      if (this.closed) throw new Error('The Lambda simulator is closed.');
      const warm = fn.envs.find((e) => e.state === 'frozen');
      if (warm) {
        clearTimeout(warm.idleTimer);
        this.setState(warm, 'busy');
        warm.child.kill('SIGCONT');
        return { env: warm, cold: false, initMs: 0 };
      }
      if (fn.envs.length < fn.spec.concurrency) {
        const env = this.spawn(fn, runtime);
        const initMs = await env.ready;
        this.setState(env, 'busy');
        return { env, cold: true, initMs };
      }
      if (!waited) fn.stats.throttled++;
      await new Promise<void>((r) => fn.waiters.push(r));
    }
  }

  private spawn(fn: FunctionRuntime, runtime: string): Environment {
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
        ...(this.options.compileCacheDir
          ? { NODE_COMPILE_CACHE: this.options.compileCacheDir }
          : {}),
        SIM_HANDLER_MODULE: fn.spec.module,
        SIM_HANDLER_EXPORT: fn.spec.exportName ?? 'handler',
      },
    });
    const id = ++this.nextEnvId;
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
        else this.done(env, message);
      });
    });
    env.ready.catch(() => this.kill(env, 'crash'));
    child.on('exit', () => this.exited(env));
    fn.envs.push(env);
    fn.busy++;
    fn.stats.coldStarts++;
    fn.stats.peakConcurrency = Math.max(fn.stats.peakConcurrency, fn.busy);
    this.emit('state', {
      fn: fn.spec.name,
      envId: env.id,
      pid: child.pid ?? -1,
      state: 'init',
    } satisfies StateEvent);
    return env;
  }

  private done(env: Environment, message: Extract<ChildMessage, { type: 'done' }>): void {
    // Freeze first: from here on nothing in the environment runs until the next invocation.
    env.child.kill('SIGSTOP');
    const pending = env.pending;
    env.pending = undefined;
    this.setState(env, 'frozen');
    env.idleTimer = setTimeout(() => this.kill(env, 'idle'), this.options.idleMs);
    if (!pending) return;
    this.settle(env, pending, message.durationMs, message.ok ? undefined : message.error.name);
    if (message.ok) pending.resolve(message.result);
    else
      pending.reject(
        Object.assign(new InvocationError(message.error.name, message.error.message, env.id), {
          stack: message.error.stack,
        }),
      );
    this.wakeWaiter(env.fn);
  }

  private settle(env: Environment, pending: Pending, durationMs: number, errorName?: string): void {
    for (const timer of pending.timers) clearTimeout(timer);
    const fn = env.fn;
    const billedMs = Math.ceil(durationMs) + Math.ceil(pending.initMs);
    fn.stats.invocations++;
    fn.stats.billedMs += billedMs;
    fn.stats.gbSeconds += (billedMs / 1000) * (fn.spec.memoryMb / 1024);
    if (errorName) fn.stats.errors++;
    const record: InvocationRecord = {
      fn: fn.spec.name,
      envId: env.id,
      cold: pending.cold,
      startedAt: pending.startedAt,
      durationMs,
      billedMs,
      ok: !errorName,
      ...(errorName ? { errorName } : {}),
    };
    this.emit('invocation', record);
  }

  private setState(env: Environment, state: EnvironmentState, reason?: string): void {
    const fn = env.fn;
    const wasBusy = env.state === 'busy' || env.state === 'init';
    const isBusy = state === 'busy' || state === 'init';
    if (wasBusy && !isBusy) fn.busy--;
    if (!wasBusy && isBusy) fn.busy++;
    fn.stats.peakConcurrency = Math.max(fn.stats.peakConcurrency, fn.busy);
    env.state = state;
    this.emit('state', {
      fn: fn.spec.name,
      envId: env.id,
      pid: env.child.pid ?? -1,
      state,
      ...(reason ? { reason } : {}),
    } satisfies StateEvent);
  }

  private kill(env: Environment, reason: string): void {
    if (env.state === 'killed') return;
    clearTimeout(env.idleTimer);
    if (reason !== 'idle' && reason !== 'close') env.fn.stats.kills++;
    env.child.kill('SIGKILL');
    this.setState(env, 'killed', reason);
    env.fn.envs = env.fn.envs.filter((e) => e !== env);
    const pending = env.pending;
    env.pending = undefined;
    if (pending) {
      const name = reason === 'timeout' ? 'Sandbox.Timedout' : 'Runtime.ExitError';
      this.settle(env, pending, performance.now() - pending.startedAt, name);
      pending.reject(
        new InvocationError(
          name,
          reason === 'timeout'
            ? `Task timed out after ${env.fn.spec.timeoutMs} ms`
            : `Runtime exited (${reason})`,
          env.id,
        ),
      );
    }
    this.wakeWaiter(env.fn);
  }

  private exited(env: Environment): void {
    if (env.state !== 'killed') this.kill(env, 'crash');
  }

  private wakeWaiter(fn: FunctionRuntime): void {
    fn.waiters.shift()?.();
  }
}
