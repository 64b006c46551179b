import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { InvocationError } from './invocation-error';
import type { ChildMessage } from './protocol';
import { runtimeModule } from './runtime-module';
import { spawnEnvironment } from './spawn-environment';
import type {
  Environment,
  EnvironmentState,
  FunctionRuntime,
  FunctionSpec,
  FunctionStats,
  InvocationRecord,
  Pending,
  SimulatorOptions,
  StateEvent,
} from './types';

export { InvocationError } from './invocation-error';
export type {
  EnvironmentState,
  FunctionSpec,
  FunctionStats,
  InvocationRecord,
  SimulatorOptions,
  StateEvent,
} from './types';

/**
 * Lambda's execution model with real processes: each function's invocations run in child
 * processes (execution environments) that run the real handler module; an environment is
 * suspended with SIGSTOP the moment its handler returns, resumed with SIGCONT only to take the
 * next invocation, and killed after `idleMs` without one. Whatever a handler left running
 * (a `setImmediate` job) is frozen with it and dies with it. Events: `state` (StateEvent),
 * `invocation` (InvocationRecord).
 */
/** A function's counters at zero, its peak starting at the environments busy now. */
function freshStats(busy: number): FunctionStats {
  return {
    invocations: 0,
    coldStarts: 0,
    errors: 0,
    kills: 0,
    billedMs: 0,
    gbSeconds: 0,
    peakConcurrency: busy,
    throttled: 0,
  };
}

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
      stats: freshStats(0),
    });
  }

  stats(name: string): FunctionStats {
    return { ...this.fn(name).stats };
  }

  /** Starts counting afresh (one measured run on a deployment that ran others before): the
   * counters go to zero and the peak to the environments busy now. */
  resetStats(): void {
    for (const fn of this.functions.values()) fn.stats = freshStats(fn.busy);
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
    const env = spawnEnvironment(fn, runtime, ++this.nextEnvId, this.options.compileCacheDir, {
      onDone: (e, message) => this.done(e, message),
      onCrash: (e) => this.kill(e, 'crash'),
    });
    fn.envs.push(env);
    fn.busy++;
    fn.stats.coldStarts++;
    fn.stats.peakConcurrency = Math.max(fn.stats.peakConcurrency, fn.busy);
    this.emit('state', {
      fn: fn.spec.name,
      envId: env.id,
      pid: env.child.pid ?? -1,
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

  private wakeWaiter(fn: FunctionRuntime): void {
    fn.waiters.shift()?.();
  }
}
