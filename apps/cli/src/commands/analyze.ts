import { constants } from 'node:fs';
import { access, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import type {
  AnalysisJob,
  JobStatus,
  Novel,
  Storyboard,
  StoryboardPage,
  SubmitNovel,
} from '@storyboard/domain';
import {
  IllegalTransitionError,
  InvalidNovelTextError,
  NovelTooLargeError,
  ValidationError,
  isTerminal,
} from '@storyboard/domain';
import { TOKENS } from '@storyboard/runtime';
import { formatCallReport } from '@storyboard/aws/metrics';
import type { LocalStack } from '@storyboard/local-stack';
import { createCliApp } from '../composition-root';
import type { CliTarget } from '../composition-root';
import { renderStoryboardHtml } from '@storyboard/storyboard-html';
import { ProgressReporter } from '../progress-reporter';
import type { ProgressOutput } from '../progress-reporter';
import { formatSummary } from '../summary';
import { writeStoryboardJson } from './storyboard-json-file';
import { UsageError } from '../usage-error';
import { announceRecovery, finishRecovered } from '../recovery';

export interface AnalyzeOptions {
  file: string;
  title?: string;
  out?: string;
  html?: string;
  /** Print the job's storage and queue calls (embedded stack only). */
  stats?: boolean;
  /** Aborted on Ctrl-C: the job is cancelled and the run ends. */
  signal?: AbortSignal;
}

export interface AnalyzeIo {
  env: Record<string, string | undefined>;
  stdout: ProgressOutput;
  stderr: { write(text: string): unknown };
}

/** The user the CLI acts as: everything it creates lives in this process or its own stack. */
const CLI_USER = 'cli-user';
const POLL_MS = 100;

/** `storyboard analyze`: submit a file, run the job on the chosen backend, report. Returns
 * the job's final status. */
export async function analyze(
  options: AnalyzeOptions,
  target: CliTarget,
  io: AnalyzeIo,
): Promise<JobStatus> {
  const defaultTitle = basename(options.file, extname(options.file));
  const started = performance.now();
  // Cheap checks first, before any emulator starts.
  const size = await checkNovelFile(options.file);
  if (options.out) await checkOutputPath(options.out, '--out');
  if (options.html) await checkOutputPath(options.html, '--html');
  const app = await createCliApp(target, io.env, (err, jobId) =>
    io.stderr.write(`job ${jobId} failed in the background: ${String(err)}\n`),
  );
  const { container, config } = app;
  const progress = new ProgressReporter(io.stdout);
  const resumed = announceRecovery(app, (text) => io.stderr.write(text));
  try {
    if (size > config.MAX_NOVEL_BYTES) {
      throw new UsageError(
        `${options.file}: the file is ${size} bytes; the limit is ${config.MAX_NOVEL_BYTES} (MAX_NOVEL_BYTES). Split it into volumes or raise the limit.`,
      );
    }
    const novel = await submitFile(container.get(TOKENS.SubmitNovel), options, defaultTitle);
    const getJob = container.get(TOKENS.GetJob);
    const jobs = container.get(TOKENS.JobRepository);
    const report = (err: unknown): void => {
      io.stderr.write(`storyboard: ${err instanceof Error ? err.message : String(err)}\n`);
    };
    // The novel's job while RequestAnalysis is still in flight (a sync request runs the
    // whole job before it returns the id).
    const currentJob = async () => (await jobs.listByNovel(novel.id))[0];
    const timer = setInterval(() => {
      void currentJob()
        .then((j) => j && progress.update(j.progress))
        .catch(report);
    }, POLL_MS);
    // Ctrl-C cancels the job rather than leaving it `running`; the run then ends as cancelled.
    let cancelling: Promise<void> | undefined;
    const cancel = () => {
      cancelling ??= (async () => {
        io.stderr.write('\nInterrupted: cancelling the job…\n');
        const job = await currentJob();
        if (!job || isTerminal(job.status)) return;
        await container
          .get(TOKENS.CancelJob)
          .execute({ ownerId: CLI_USER, jobId: job.id })
          .catch((err: unknown) => {
            if (!(err instanceof IllegalTransitionError)) throw err; // it ended meanwhile
          });
      })().catch(report);
      return cancelling;
    };
    options.signal?.addEventListener('abort', cancel, { once: true });
    let job: AnalysisJob;
    const calls = callsSince(app.stack);
    try {
      job = await container
        .get(TOKENS.RequestAnalysis)
        .execute({ ownerId: CLI_USER, novelId: novel.id });
      // Until now only the timer could see the job (a sync request returns when it ends);
      // from here the loop below polls it by id.
      clearInterval(timer);
      if (options.signal?.aborted) await cancel();
      while (!isTerminal(job.status)) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        job = await getJob.execute({ ownerId: CLI_USER, jobId: job.id });
        progress.update(job.progress);
      }
    } finally {
      clearInterval(timer);
      options.signal?.removeEventListener('abort', cancel);
    }
    progress.update(job.progress);
    progress.done();
    const callReport = options.stats ? calls(job.progress.chunksTotal) : undefined;

    if (job.status !== 'completed') {
      io.stderr.write(
        job.error
          ? `The analysis ${job.status}: ${job.error.code}: ${job.error.message}\n`
          : `The analysis was ${job.status}.\n`,
      );
      return job.status;
    }
    // The summary needs only the header (stats, characters). The JSON file is written a page
    // of chapters at a time; only the HTML page needs the whole storyboard in memory.
    const getStoryboard = container.get(TOKENS.GetStoryboard);
    const read = (page: { afterChapter?: number; limit?: number }) =>
      getStoryboard.execute({ ownerId: CLI_USER, jobId: job.id, ...page });
    let storyboard: Storyboard;
    if (options.html) {
      storyboard = (await read({})).storyboard;
      if (options.out) await writeStoryboardJson(options.out, pagesOf(storyboard));
      await writeFile(options.html, renderStoryboardHtml(storyboard));
    } else if (options.out) {
      storyboard = await writeStoryboardJson(options.out, storyboardPages(read));
    } else {
      storyboard = (await read({ limit: 1 })).storyboard;
    }
    io.stdout.write(`${formatSummary(storyboard, job, performance.now() - started)}\n`);
    if (options.out) io.stdout.write(`  JSON           ${options.out}\n`);
    if (options.html) io.stdout.write(`  HTML           ${options.html}\n`);
    if (callReport) io.stdout.write(`${callReport}\n`);
    return job.status;
  } finally {
    if (resumed.length && !options.signal?.aborted) {
      await finishRecovered(container.get(TOKENS.JobRepository), resumed, (text) =>
        io.stderr.write(text),
      );
    }
    await app.close();
  }
}

/** Reads the file and submits it. Its own function so that the file's bytes (45 MB for a
 * 45 MB book) are garbage once submitted: a local of `analyze` would stay reachable from its
 * suspended frame for the whole run. */
async function submitFile(
  submit: SubmitNovel,
  options: AnalyzeOptions,
  defaultTitle: string,
): Promise<Novel> {
  const bytes = new Uint8Array(await readFile(options.file));
  return submit
    .execute({ ownerId: CLI_USER, title: options.title, defaultTitle, bytes })
    .catch((err: unknown) => {
      if (
        err instanceof InvalidNovelTextError ||
        err instanceof NovelTooLargeError ||
        err instanceof ValidationError
      ) {
        throw new UsageError(`${options.file}: ${err.message}`);
      }
      throw err;
    });
}

/** Chapters per page when the JSON file is written page by page. */
const JSON_PAGE_CHAPTERS = 20;

/** The storyboard's pages, in order, read as they are written. */
async function* storyboardPages(
  read: (page: { afterChapter?: number; limit?: number }) => Promise<StoryboardPage>,
): AsyncGenerator<Storyboard> {
  let afterChapter: number | undefined;
  do {
    const page = await read({ limit: JSON_PAGE_CHAPTERS, afterChapter });
    yield page.storyboard;
    afterChapter = page.nextAfterChapter;
  } while (afterChapter !== undefined);
}

/** A storyboard already in memory, as its one page. */
async function* pagesOf(storyboard: Storyboard): AsyncGenerator<Storyboard> {
  yield storyboard;
}

/** Starts counting the stack's calls; the returned function formats what was counted. */
function callsSince(stack: LocalStack | undefined): (chunks: number) => string {
  if (!stack) {
    return () => '  calls          none counted: this run used no emulated storage (in memory)';
  }
  const before = stack.calls.snapshot();
  const transitionsBefore = stack.stepFunctions.stateTransitions();
  return (chunks) => {
    const transitions = stack.stepFunctions.stateTransitions() - transitionsBefore;
    return `  calls          this job's requests to the local stack, by pipeline step:\n${formatCallReport(
      stack.calls.since(before),
      { chunks, stateTransitions: transitions > 0 ? transitions : undefined, indent: '  ' },
    )}`;
  };
}

/** Checks the path names a non-empty regular file, turning every way it can be wrong into a
 * one-line UsageError. Returns its size in bytes. */
async function checkNovelFile(file: string): Promise<number> {
  const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') {
      throw new UsageError(`${file}: no such file. Pass the path of a plain-text novel.`);
    }
    if (err.code === 'EACCES') {
      throw new UsageError(`${file}: permission denied. Check the file's permissions.`);
    }
    throw new UsageError(`${file}: cannot be read (${err.code ?? err.message}).`);
  });
  if (info.isDirectory()) {
    throw new UsageError(`${file}: is a directory. Pass the path of a plain-text novel file.`);
  }
  if (!info.isFile()) {
    throw new UsageError(
      `${file}: is not a regular file. Pass the path of a plain-text novel file.`,
    );
  }
  if (info.size === 0) {
    throw new UsageError(`${file}: the file is empty. Pass a novel with some text in it.`);
  }
  return info.size;
}

/** Checks an output file can be written before the job runs, so a typo in the path does not
 * cost a whole analysis. The file itself may or may not exist (it is overwritten). */
async function checkOutputPath(file: string, flag: string): Promise<void> {
  const target = await stat(file).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new UsageError(`${flag} ${file}: cannot be checked (${err.code ?? err.message}).`);
  });
  if (target?.isDirectory()) {
    throw new UsageError(`${flag} ${file}: is a directory. Pass a file path.`);
  }
  const folder = dirname(resolve(file));
  const parent = await stat(folder).catch(() => undefined);
  if (!parent?.isDirectory()) {
    throw new UsageError(
      `${flag} ${file}: the folder ${folder} does not exist. Create it or pick another path.`,
    );
  }
  await access(target ? file : folder, constants.W_OK).catch(() => {
    throw new UsageError(`${flag} ${file}: permission denied. Pick a path you can write to.`);
  });
}
