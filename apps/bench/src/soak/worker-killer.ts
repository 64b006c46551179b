import type { LambdaSimulator } from '../lambda-sim/lambda-simulator';

export interface KillerOptions {
  sim: LambdaSimulator;
  /** The functions whose environments play "the worker" (SQS worker, step tasks). */
  functions: readonly string[];
  /** Wait between two kills, drawn uniformly from [min, max] ms; `random` is seeded
   * (`seededRandom` from fake-qwen), so a soak's kill schedule can be replayed by its seed. */
  everyMs: [number, number];
  random: () => number;
}

export interface KillerStats {
  /** Environments killed in the middle of an invocation, per function. */
  kills: Record<string, number>;
  /** Times the killer woke up and found no worker environment running. */
  idleTicks: number;
}

/**
 * Kills a worker at random every few seconds: at each tick it picks one environment that is
 * running an invocation (not a frozen or starting one) and sends it SIGKILL, as a host or
 * runtime crash would. The simulator sees the process die, fails that invocation
 * (`Runtime.ExitError`) and starts a fresh environment for the next one.
 */
export class WorkerKiller {
  readonly stats: KillerStats = { kills: {}, idleTicks: 0 };
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: KillerOptions) {}

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  get total(): number {
    return Object.values(this.stats.kills).reduce((n, k) => n + k, 0);
  }

  private schedule(): void {
    if (this.stopped) return;
    const [min, max] = this.options.everyMs;
    const wait = min + this.options.random() * (max - min);
    this.timer = setTimeout(() => {
      this.killOne();
      this.schedule();
    }, wait);
  }

  private killOne(): void {
    const busy = this.options.functions.flatMap((fn) =>
      this.options.sim
        .environments(fn)
        .filter((e) => e.state === 'busy' && e.pid > 0)
        .map((e) => ({ fn, pid: e.pid })),
    );
    const victim = busy[Math.floor(this.options.random() * busy.length)];
    if (!victim) {
      this.stats.idleTicks++;
      return;
    }
    try {
      process.kill(victim.pid, 'SIGKILL');
      this.stats.kills[victim.fn] = (this.stats.kills[victim.fn] ?? 0) + 1;
    } catch (err) {
      // ESRCH: it ended between the look and the kill; nothing was killed.
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
      this.stats.idleTicks++;
    }
  }
}
