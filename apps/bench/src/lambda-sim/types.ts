import type { ChildProcess } from 'node:child_process';

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

/** An invocation waiting for its environment's answer. */
export interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  startedAt: number;
  cold: boolean;
  initMs: number;
  timers: NodeJS.Timeout[];
}

export interface Environment {
  id: number;
  fn: FunctionRuntime;
  child: ChildProcess;
  state: EnvironmentState;
  ready: Promise<number>;
  idleTimer?: NodeJS.Timeout;
  pending?: Pending;
}

export interface FunctionRuntime {
  spec: FunctionSpec;
  envs: Environment[];
  waiters: (() => void)[];
  stats: FunctionStats;
  busy: number;
}
