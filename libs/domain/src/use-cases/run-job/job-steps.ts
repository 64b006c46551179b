import type { AnalysisJob, JobError } from '../../job/analysis-job';
import {
  advanceProgress,
  completeJob,
  failJob,
  isTerminal,
  startJob,
} from '../../job/analysis-job';
import { updateJob } from '../../job/update-job';
import { chunkTextKey } from '../../novel/novel';
import { StoryboardAssembler } from '../../pipeline/storyboard-assembler';
import { chunkProgress, pipelineStep } from '../../pipeline/pipeline';
import { planChunks } from '../../pipeline/plan-chunks';
import type { PriceUsage } from '../../pipeline/usage';
import { addUsage, priceUsage, sameUsage } from '../../pipeline/usage';
import type { Clock } from '../../ports/clock.port';
import type { JobRepository } from '../../ports/job-repository.port';
import type { NovelRepository } from '../../ports/novel-repository.port';
import type { NovelTextStore } from '../../ports/novel-text-store.port';
import type { StoryboardGenerator } from '../../ports/storyboard-generator.port';
import type { StoryboardRepository } from '../../ports/storyboard-repository.port';
import type { TextAnalyzer } from '../../ports/text-analyzer.port';
import type { ChunkPlan, Fragment, FragmentUsage } from '../../storyboard/chunk-plan.schema';
import type { Usage } from '../../storyboard/storyboard.schema';
import { ChunkProgress } from './chunk-progress';
import { sanitizeFragment } from './sanitize-fragment';
import { forEachLimit } from './for-each-limit';
import { KeptChunkTexts } from './kept-chunk-texts';
import {
  ArtifactMissingError,
  JobEndedError,
  JobNotFoundError,
  NovelNotFoundError,
} from '../../errors';

export interface JobStepsDeps {
  jobs: JobRepository;
  novels: NovelRepository;
  texts: NovelTextStore;
  storyboards: StoryboardRepository;
  analyzer: TextAnalyzer;
  generator: StoryboardGenerator;
  clock: Clock;
  maxChunkChars: number;
  /** Chunk progress is written at most this often per job, plus at step boundaries (1 s). */
  progressIntervalMs?: number;
}

const DEFAULT_PROGRESS_INTERVAL_MS = 1000;
/** Plans kept in memory: a plan never changes once saved, and every chunk step reads it. */
const PLAN_CACHE_SIZE = 8;
/** Chunk texts written at once by `prepare`. */
const CHUNK_TEXT_WRITES_AT_ONCE = 8;
/** `analyzeChunk`'s progress counts the saved fragments with a Query (from the first chunk not
 * known to be saved), so only every (chunks / this)-th chunk counts (at most once per progress
 * interval): reads for progress grow with the job's size, not with its square or with how slow
 * the machine is. */
const PROGRESS_COUNTS_PER_JOB = 20;
/** Jobs whose count of leading saved chunks is kept in memory (as plans are). */
const DONE_PREFIX_CACHE_SIZE = 8;
/** Fragments `assemble` reads ahead of the one it merges. */
const FRAGMENTS_READ_AHEAD = 4;

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** The pipeline's steps, one method each. Every step is idempotent and safe to run twice or
 * concurrently with itself: it checks what is already saved, writes with deterministic keys,
 * and moves the job only forward. A job that has ended (cancelled, failed, completed) makes
 * the working steps throw `JobEndedError`; `complete` and `fail` are no-ops on a job already
 * in their state. */
export class JobSteps {
  private readonly plans = new Map<string, ChunkPlan>();
  /** Per job, how many chunks from 0 on are known to be saved (a saved fragment stays saved):
   * progress counts only from the first chunk not known to be, not the whole CHUNK# range. */
  private readonly doneBelow = new Map<string, number>();
  /** The chunk texts `prepare` keeps for a run's chunks (the runner drops them after). */
  readonly keptTexts = new KeptChunkTexts();
  private readonly progressIntervalMs: number;

  constructor(private readonly deps: JobStepsDeps) {
    this.progressIntervalMs = deps.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  }

  /** Loads and decodes the novel, finds chapters and cast, saves chunk texts and the plan;
   * `keepChunkTexts` (a runner whose `analyzePlannedChunk` calls follow in this process):
   * the texts written are handed to them (`KeptChunkTexts`) instead of read back. */
  async prepare(
    jobId: string,
    opts: { keepChunkTexts?: boolean; job?: AnalysisJob } = {},
  ): Promise<{ chunkCount: number }> {
    const job = await this.ensureRunning(jobId, opts.job);
    const existing = this.plans.get(jobId) ?? (await this.deps.storyboards.getPlan(jobId));
    if (existing) return { chunkCount: existing.chunks.length };

    const novel = await this.deps.novels.get(job.ownerId, job.novelId);
    if (!novel) throw new NovelNotFoundError(job.novelId);
    const bytes = await this.deps.texts.get(novel.textKey);
    if (!bytes) throw new ArtifactMissingError(`The text of novel ${novel.id} is missing.`);
    const ingested = await this.deps.analyzer.ingest(bytes);
    const outline = await this.deps.analyzer.outline(ingested.text, ingested.language);
    // An LLM generator may need smaller chunks than configured (its context and output).
    const fits = this.deps.generator.maxChunkChars?.(ingested.language) ?? Infinity;
    const chunks = planChunks(
      ingested.text,
      outline.chapters,
      Math.min(this.deps.maxChunkChars, fits),
    );
    const keep = opts.keepChunkTexts ? this.keptTexts.open(jobId) : undefined;
    await forEachLimit(chunks, CHUNK_TEXT_WRITES_AT_ONCE, async (chunk) => {
      const bytes = utf8.encode(ingested.text.slice(chunk.span.start, chunk.span.end));
      await this.deps.texts.put(chunkTextKey(jobId, chunk.index), bytes);
      keep?.(chunk.index, bytes);
    });
    // The plan is written last: its presence means every chunk text is in place.
    const plan: ChunkPlan = {
      jobId,
      language: ingested.language,
      encoding: ingested.encoding,
      length: ingested.text.length,
      chapters: outline.chapters,
      cast: outline.cast,
      chunks,
    };
    await this.deps.storyboards.savePlan(plan);
    await this.progress(jobId, 'prepare', pipelineStep('prepare').progress.to, 0, chunks.length);
    return { chunkCount: chunks.length };
  }

  /** Storyboards one chunk unless its fragment is already saved. Every (chunks / 20)-th
   * chunk writes progress when the job's last write is older than the progress interval (the
   * other chunks, and `assemble`, write the rest); a chunk whose generator spent tokens
   * always writes, adding them to the job's live usage in the same conditional write.
   * `known`: the job as its lease was just taken (running), instead of reading it again. */
  async analyzeChunk(jobId: string, chunkIndex: number, known?: AnalysisJob): Promise<void> {
    const job = await this.ensureRunning(jobId, known);
    const plan = await this.requirePlan(jobId);
    if (!plan.chunks[chunkIndex]) {
      throw new ArtifactMissingError(`Job ${jobId} has no chunk ${chunkIndex}.`);
    }
    let spent: FragmentUsage | undefined;
    if (!(await this.deps.storyboards.getFragment(jobId, chunkIndex))) {
      spent = await this.generateAndSave(jobId, plan, chunkIndex);
    }
    const total = plan.chunks.length;
    const every = Math.max(1, Math.ceil(total / PROGRESS_COUNTS_PER_JOB));
    const countDue =
      (chunkIndex + 1) % every === 0 && this.progressDue(job.updatedAt, this.progressIntervalMs);
    if (!spent && !countDue) return;
    const done = await this.countFragments(jobId);
    await this.progress(jobId, 'analyze-chunk', chunkProgress(done, total), done, total, {
      ...(spent ? {} : { coalesceMs: this.progressIntervalMs }),
      usage: this.adding(spent),
    });
  }

  /** How many of the job's chunks have a saved fragment, read from the first chunk not yet
   * known to have one. */
  private async countFragments(jobId: string): Promise<number> {
    const from = this.doneBelow.get(jobId) ?? 0;
    const later = await this.deps.storyboards.listFragmentIndexes(jobId, from);
    let next = from;
    for (const i of later) {
      if (i !== next) break;
      next++;
    }
    remember(this.doneBelow, jobId, next, DONE_PREFIX_CACHE_SIZE);
    return from + later.length;
  }

  /** For a runner that walks the chunks itself (and knows which are saved): checks the job
   * is still running (a cancel stops it here), then storyboards and saves the chunk (its text
   * kept by `prepare`, else read). Progress is the runner's (`chunkProgress`). Returns the
   * tokens the generator spent, if any. */
  async analyzePlannedChunk(
    jobId: string,
    plan: ChunkPlan,
    chunkIndex: number,
  ): Promise<FragmentUsage | undefined> {
    await this.ensureRunning(jobId);
    return this.generateAndSave(jobId, plan, chunkIndex, this.keptTexts.take(jobId, chunkIndex));
  }

  /** A run's chunk progress: written at most once per progress interval, and on `flush`;
   * the tokens of the chunks counted since the last write are added in the same write. */
  chunkProgress(jobId: string, total: number, alreadyDone: number): ChunkProgress {
    return new ChunkProgress(
      (done, spent) =>
        this.progress(jobId, 'analyze-chunk', chunkProgress(done, total), done, total, {
          usage: this.adding(spent),
        }),
      () => Date.parse(this.deps.clock.now()),
      this.progressIntervalMs,
      alreadyDone,
    );
  }

  private async generateAndSave(
    jobId: string,
    plan: ChunkPlan,
    chunkIndex: number,
    kept?: Uint8Array,
  ): Promise<FragmentUsage | undefined> {
    const chunk = plan.chunks[chunkIndex];
    if (!chunk) throw new ArtifactMissingError(`Job ${jobId} has no chunk ${chunkIndex}.`);
    const bytes = kept ?? (await this.deps.texts.get(chunkTextKey(jobId, chunkIndex)));
    if (!bytes) throw new ArtifactMissingError(`The text of chunk ${chunkIndex} is missing.`);
    const raw = await this.deps.generator.generate({
      chunk,
      text: utf8Decoder.decode(bytes),
      language: plan.language,
      cast: plan.cast,
    });
    const fragment = sanitizeFragment(raw, plan, chunkIndex);
    await this.deps.storyboards.saveFragment(jobId, fragment);
    return fragment.usage;
  }

  /** Merges the fragments into the storyboard and saves it, a fragment at a time (a few read
   * ahead), writing each chapter as soon as it is complete. `known`: as for `analyzeChunk`. */
  async assemble(jobId: string, known?: AnalysisJob): Promise<void> {
    const job = await this.ensureRunning(jobId, known);
    const plan = await this.requirePlan(jobId);
    const novel = await this.deps.novels.get(job.ownerId, job.novelId);
    if (!novel) throw new NovelNotFoundError(job.novelId);
    const assembler = new StoryboardAssembler(plan);
    const writer = this.deps.storyboards.openStoryboard(jobId);
    const reads = new Map<number, Promise<Fragment | undefined>>();
    const read = (i: number) => {
      if (i < plan.chunks.length && !reads.has(i)) {
        const pending = this.deps.storyboards.getFragment(jobId, i);
        pending.catch(() => undefined); // awaited below, in order; no unhandled rejection
        reads.set(i, pending);
      }
    };
    for (let i = 0; i < plan.chunks.length; i++) {
      for (let ahead = i; ahead <= i + FRAGMENTS_READ_AHEAD; ahead++) read(ahead);
      const fragment = await reads.get(i);
      reads.delete(i);
      if (!fragment) throw new ArtifactMissingError(`Chunk ${i} has no fragment yet.`);
      for (const chapter of assembler.add(fragment)) await writer.addChapter(chapter);
    }
    const end = assembler.finish();
    for (const chapter of end.chapters) await writer.addChapter(chapter);
    const started = Date.parse(job.startedAt ?? job.createdAt);
    const { schemaVersion, characters } = end.rest;
    const { usage: tokens, ...stats } = end.rest.stats;
    // The job's usage becomes the exact sum of the saved fragments (live sums may have
    // counted a chunk twice when two runs raced on it).
    const usage = tokens && priceUsage(tokens, this.price);
    await writer.finish({
      schemaVersion,
      novel: {
        id: novel.id,
        title: novel.title,
        language: plan.language,
        encoding: plan.encoding,
        length: plan.length,
      },
      characters,
      stats: {
        ...stats,
        generator: this.deps.generator.name,
        durationMs: Math.max(0, Date.parse(this.deps.clock.now()) - started),
        ...(usage ? { usage } : {}),
      },
    });
    const total = plan.chunks.length;
    await this.progress(jobId, 'assemble', pipelineStep('assemble').progress.to, total, total, {
      usage: (current) => usage ?? current,
    });
  }

  /** Marks the job completed and records it as the novel's latest storyboard. Whether the
   * storyboard is saved is asked of its header alone (`limit: 0`): no scene is read. */
  async complete(jobId: string): Promise<AnalysisJob> {
    const current = await this.requireJob(jobId);
    if (current.status === 'completed') return current;
    if (!(await this.deps.storyboards.getStoryboard(jobId, { limit: 0 }))) {
      throw new ArtifactMissingError(
        `Job ${jobId} cannot complete before its storyboard is saved.`,
      );
    }
    const job = await updateJob(this.deps.jobs, jobId, (j) => {
      if (j.status === 'completed') return j;
      if (j.status !== 'running') throw new JobEndedError(jobId, j.status);
      return completeJob(j, this.deps.clock.now());
    });
    await this.deps.novels.recordLatestJob(job.ownerId, job.novelId, job);
    return job;
  }

  /** Marks the job failed unless it has already ended. */
  async fail(jobId: string, error: JobError): Promise<AnalysisJob> {
    return updateJob(this.deps.jobs, jobId, (j) =>
      isTerminal(j.status) ? j : failJob(j, error, this.deps.clock.now()),
    );
  }

  /** The job's chunk plan (from memory after the first read: a saved plan never changes). */
  async requirePlan(jobId: string): Promise<ChunkPlan> {
    const cached = this.plans.get(jobId);
    if (cached) return cached;
    const plan = await this.deps.storyboards.getPlan(jobId);
    if (!plan) throw new ArtifactMissingError(`Job ${jobId} has no chunk plan: run prepare first.`);
    remember(this.plans, jobId, plan, PLAN_CACHE_SIZE);
    return plan;
  }

  /** Whether a coalesced progress write is due, `updatedAt` being the job's last write. */
  private progressDue(updatedAt: string, intervalMs: number): boolean {
    return Date.parse(this.deps.clock.now()) - Date.parse(updatedAt) >= intervalMs;
  }

  private async requireJob(jobId: string): Promise<AnalysisJob> {
    const job = await this.deps.jobs.get(jobId);
    if (!job) throw new JobNotFoundError(jobId);
    return job;
  }

  /** Starts a queued job; refuses a cancelled one; lets a running one through. A `known`
   * running job (just read, or written, by the step's lease) is let through without a read:
   * the lease took it with a conditional write or found it running a moment ago, and every
   * later write of the step is conditional on the job's version anyway. */
  private async ensureRunning(jobId: string, known?: AnalysisJob): Promise<AnalysisJob> {
    if (known?.id === jobId && known.status === 'running') return known;
    return updateJob(this.deps.jobs, jobId, (j) => {
      if (j.status === 'queued') return startJob(j, this.deps.clock.now());
      if (j.status === 'running') return j;
      throw new JobEndedError(jobId, j.status);
    });
  }

  private async progress(
    jobId: string,
    stage: 'prepare' | 'analyze-chunk' | 'assemble',
    percentage: number,
    chunksDone: number,
    chunksTotal: number,
    options: {
      /** Skip the write if another writer has written within this many ms. */
      coalesceMs?: number;
      /** The job's next usage from its current one (default: unchanged). */
      usage?: (current: Usage | undefined) => Usage | undefined;
    } = {},
  ): Promise<void> {
    await updateJob(this.deps.jobs, jobId, (j) => {
      if (j.status !== 'running') throw new JobEndedError(jobId, j.status);
      const { coalesceMs } = options;
      if (coalesceMs !== undefined && !this.progressDue(j.updatedAt, coalesceMs)) return j;
      const now = this.deps.clock.now();
      const moved = advanceProgress(j, { percentage, stage, chunksDone, chunksTotal }, now);
      const usage = options.usage?.(j.usage) ?? j.usage;
      if (sameUsage(usage, j.usage)) return moved;
      return { ...moved, ...(usage ? { usage } : {}), updatedAt: now, version: j.version + 1 };
    });
  }

  /** Adds `spent` to a job's usage (priced by the generator), or leaves it unchanged. */
  private adding(spent: FragmentUsage | undefined) {
    return (current: Usage | undefined): Usage | undefined =>
      spent ? addUsage(current, spent, this.price) : current;
  }

  /** The generator's price for tokens, if it has one. */
  private get price(): PriceUsage | undefined {
    const generator = this.deps.generator;
    return generator.estimateCostUsd ? (usage) => generator.estimateCostUsd?.(usage) : undefined;
  }
}

/** Sets `key` as the newest entry of a map kept to `limit` entries (the oldest goes first). */
function remember<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  if (map.size >= limit) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  map.set(key, value);
}
