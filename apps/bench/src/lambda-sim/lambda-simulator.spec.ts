import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { InvocationRecord, StateEvent } from './lambda-simulator';
import { InvocationError, LambdaSimulator } from './lambda-simulator';

const FIXTURE = resolve(import.meta.dirname, 'fixtures/background-work.mjs');
let dir: string;
let sim: LambdaSimulator;
let states: StateEvent[];
let invocations: InvocationRecord[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lambda-sim-'));
  states = [];
  invocations = [];
});

afterEach(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

function start(idleMs: number, fn: { concurrency?: number; killRate?: number } = {}) {
  sim = new LambdaSimulator({ idleMs, random: () => 0 });
  sim.on('state', (e: StateEvent) => states.push(e));
  sim.on('invocation', (r: InvocationRecord) => invocations.push(r));
  sim.register({
    name: 'fn',
    module: FIXTURE,
    memoryMb: 512,
    timeoutMs: 20_000,
    concurrency: fn.concurrency ?? 1,
    killRate: fn.killRate,
    killWithinMs: 0,
  });
}

/** The process state letter from /proc (`T` = stopped by a signal). */
async function processState(pid: number): Promise<string | undefined> {
  try {
    return (await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /s, '')[0];
  } catch {
    return undefined; // gone
  }
}

const size = async (file: string) => (await stat(file).catch(() => ({ size: 0 }))).size;

it('work left running after the handler returns is frozen until the next invocation and gone after the idle kill', async () => {
  start(1_500);
  const file = join(dir, 'ticks');
  const first = (await sim.invoke('fn', { op: 'start', file })) as { pid: number };
  expect(sim.environments('fn')).toEqual([{ id: 1, pid: first.pid, state: 'frozen' }]);
  await vi.waitFor(async () => expect(await processState(first.pid)).toBe('T'));

  // Frozen: the background ticks do not advance while no invocation runs.
  const frozenAt = await size(file);
  await sleep(200);
  expect(await size(file)).toBe(frozenAt);

  // The next invocation thaws the same environment: the background work resumes.
  const peek = (await sim.invoke('fn', { op: 'peek' })) as { before: number; after: number };
  expect(peek.before).toBeGreaterThanOrEqual(frozenAt);
  expect(peek.after).toBeGreaterThan(peek.before);
  expect(sim.stats('fn')).toMatchObject({ invocations: 2, coldStarts: 1 });
  await vi.waitFor(async () => expect(await processState(first.pid)).toBe('T'));

  // Idle: the environment is killed, and its unfinished work with it.
  await vi.waitFor(
    () => expect(states.some((e) => e.state === 'killed' && e.reason === 'idle')).toBe(true),
    { timeout: 10_000 },
  );
  await vi.waitFor(async () => expect(await processState(first.pid)).toBeUndefined());
  const dead = await size(file);
  await sleep(200);
  expect(await size(file)).toBe(dead);
  expect(sim.environments('fn')).toEqual([]);

  // The next invocation is a cold start in a new process.
  const again = (await sim.invoke('fn', { op: 'noop' })) as { pid: number };
  expect(again.pid).not.toBe(first.pid);
  expect(sim.stats('fn').coldStarts).toBe(2);
  expect(states.filter((e) => e.envId === 1).map((e) => e.state)).toEqual([
    'init',
    'busy',
    'frozen',
    'busy',
    'frozen',
    'killed',
  ]);
});

it('caps environments at the concurrency limit, reuses warm ones and bills whole milliseconds', async () => {
  start(30_000, { concurrency: 2 });
  const results = (await Promise.all(
    [1, 2, 3].map(() => sim.invoke('fn', { op: 'sleep', ms: 50 })),
  )) as { pid: number }[];
  expect(new Set(results.map((r) => r.pid)).size).toBe(2);
  const stats = sim.stats('fn');
  expect(stats).toMatchObject({
    invocations: 3,
    coldStarts: 2,
    throttled: 1,
    peakConcurrency: 2,
    errors: 0,
  });
  expect(invocations.filter((r) => r.cold)).toHaveLength(2);
  for (const r of invocations) {
    expect(Number.isInteger(r.billedMs)).toBe(true);
    expect(r.billedMs).toBeGreaterThanOrEqual(Math.ceil(r.durationMs));
  }
  expect(stats.billedMs).toBe(invocations.reduce((n, r) => n + r.billedMs, 0));
  expect(stats.gbSeconds).toBeCloseTo((stats.billedMs / 1000) * 0.5, 9);
});

it('reports handler errors by name and kills an environment on a fault, failing its invocation', async () => {
  start(30_000);
  await expect(sim.invoke('fn', { op: 'fail' })).rejects.toMatchObject({
    name: 'RangeError',
    message: 'asked to fail',
  });
  expect(sim.environments('fn')[0]?.state).toBe('frozen');
  await sim.close();
  start(30_000, { killRate: 1 });
  const failed = sim.invoke('fn', { op: 'sleep', ms: 5_000 });
  await expect(failed).rejects.toBeInstanceOf(InvocationError);
  await expect(failed).rejects.toMatchObject({ name: 'Runtime.ExitError' });
  expect(sim.stats('fn')).toMatchObject({ kills: 1, errors: 1, invocations: 1 });
  expect(sim.environments('fn')).toEqual([]);
});
