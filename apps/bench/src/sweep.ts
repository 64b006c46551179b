import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sampleBytes } from '@storyboard/local-stack/testing';
import type { BackendResult, SimRunOptions, SimStackSettings } from './sim-run';
import { measureRun, startBackendStack } from './sim-run';
import type { SimStack } from './sim-stack/start-sim-stack';

/** A bad command-line value: the message names the flag and what to give instead. */
export class UsageError extends Error {}

export interface TextInput {
  bytes: Uint8Array;
  title: string;
  chars: number;
}

/** The novel (a file, or the sample), its text repeated or cut to `chars` when given. */
export async function loadText(file: string | undefined, chars?: number): Promise<TextInput> {
  let bytes = file
    ? new Uint8Array(
        await readFile(file).catch((err: unknown) => {
          throw new UsageError(`${file}: ${String(err)}`);
        }),
      )
    : await sampleBytes();
  const title = file ? basename(file) : 'The Lighthouse Keeper';
  if (chars !== undefined) {
    const text = new TextDecoder().decode(bytes);
    let grown = text;
    while (grown.length < chars) grown += `\n\n${text}`;
    bytes = new TextEncoder().encode(grown.slice(0, chars));
  }
  return { bytes, title, chars: new TextDecoder().decode(bytes).length };
}

/** One size of the text-size sweep: the sample grown to `chars`, or a whole novel's file. */
export type SweepSize = { label: string; chars: number } | { label: string; file: string };

/** `5k,50k,500k,novel` → sizes (k = 1,000, m = 1,000,000; `novel` = the `--novel` file). */
export function parseSizes(raw: string, novelFile: string): SweepSize[] {
  return raw.split(',').map((part) => {
    const label = part.trim().toLowerCase();
    if (label === 'novel') return { label, file: novelFile };
    const m = /^(\d+(?:\.\d+)?)([km]?)$/.exec(label);
    const chars = m ? Math.round(Number(m[1]) * { '': 1, k: 1e3, m: 1e6 }[m[2] ?? '']!) : NaN;
    if (!(chars >= 1 && chars <= 50_000_000))
      throw new UsageError(
        `--sizes: "${part}" is not a size; give characters like 5k, 50k, 500k, 2m, or novel`,
      );
    return { label, chars };
  });
}

/** Jobs per sweep size: about the main run's amount of text (jobs × its characters), at least
 * 2 and at most the main run's jobs — large texts run few jobs, small ones many. */
export function sweepJobs(jobs: number, mainChars: number, sizeChars: number): number {
  return Math.max(2, Math.min(jobs, Math.ceil((jobs * mainChars) / sizeChars)));
}

/** What the functions run: the generator and the settings that select it. */
export interface Workload {
  generator: 'heuristic' | 'qwen';
  env: Record<string, string>;
  tokens?: SimRunOptions['tokens'];
}

/** One measured sweep run's figures (the per-job samples stay out of result.json's sweep). */
export type SweepFigures = Omit<BackendResult, 'samples'>;

export interface SweepPoint {
  workload: Workload['generator'];
  size: string;
  chars: number;
  title: string;
  jobs: number;
  backends: Record<string, SweepFigures>;
}

export interface PlannedPoint {
  point: SweepPoint;
  input: TextInput;
  workload: Workload;
}

type RunSettings = Omit<SimRunOptions, keyof SimStackSettings | 'bytes' | 'title' | 'jobs'> &
  Omit<SimStackSettings, 'env'>;

/**
 * Everything one backend runs: the main run (`main`, on its workload's deployment), then each
 * planned sweep point, grouped so each workload's deployment is started once and its runs
 * measured one after the other (each from a settled deployment).
 */
export async function runBackend(
  settings: RunSettings,
  main: { input: TextInput; workload: Workload; jobs: number },
  planned: readonly PlannedPoint[],
  onEach: (label: string, result: BackendResult) => void,
): Promise<BackendResult> {
  const workloads = [main.workload, ...planned.map((p) => p.workload)].filter(
    (w, i, all) => all.indexOf(w) === i,
  );
  let mainResult: BackendResult | undefined;
  for (const workload of workloads) {
    const s = await startBackendStack({ ...settings, env: workload.env });
    try {
      const run = async (input: TextInput, jobs: number, label: string) => {
        await settle(s);
        const result = await measureRun(s, {
          ...settings,
          env: workload.env,
          bytes: input.bytes,
          title: input.title,
          jobs,
          concurrency: Math.min(settings.concurrency, jobs),
          tokens: workload.tokens,
          label,
        });
        onEach(label, result);
        return result;
      };
      if (workload === main.workload)
        mainResult = await run(main.input, main.jobs, settings.backend);
      for (const p of planned.filter((q) => q.workload === workload)) {
        const label = `${settings.backend} · ${p.point.workload} ${p.point.size}`;
        const { samples: _samples, ...figures } = await run(p.input, p.point.jobs, label);
        p.point.backends[settings.backend] = figures;
      }
    } finally {
      await s.close();
    }
  }
  return mainResult as BackendResult;
}

/** Waits (at most 60 s) until no function runs and no message waits, so a run starts clean. */
async function settle(s: SimStack): Promise<void> {
  for (let t = 0; t < 240; t++) {
    if (s.sim.idle() && (await s.queueDepth()).queued === 0) return;
    await sleep(250);
  }
}
