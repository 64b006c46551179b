import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AnalysisJob } from '@storyboard/domain';
import { startLocalStack } from '../start-local-stack';
import type { LocalStack } from '../start-local-stack';

const ROOT = join(import.meta.dirname, '../../../..');

export interface Child {
  process: ChildProcessWithoutNullStreams;
  /** Everything written so far to stdout and stderr. */
  output(): string;
  /** Resolves with the first output line matching `pattern` (rejects if the child exits). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs a TypeScript entry point of the workspace in a child Node process (through tsx's
 * loader), as `npm run storyboard` and `npm start` do. The child is the program itself:
 * `node_modules/.bin/tsx` would run it in a grandchild, so a SIGKILL would stop only the
 * wrapper and leave the program running (and holding the data folder's LevelDB lock). */
export function spawnTsx(entry: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, entry), ...args], {
    cwd: ROOT,
    // Not the test runner's environment (VITEST_*, NODE_OPTIONS…): a clean one, as a shell has.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: 'pipe',
  });
  let text = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    output: () => text,
    exited,
    waitForLine: (pattern, timeoutMs = 120_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          for (const line of text.split('\n')) {
            const match = line.match(pattern);
            if (match) return done(() => resolve(match));
          }
        };
        const timer = setTimeout(
          () =>
            done(() =>
              reject(new Error(`no line like ${pattern} after ${timeoutMs} ms:\n${text}`)),
            ),
          timeoutMs,
        );
        const onExit = () =>
          done(() => reject(new Error(`the child exited before a line like ${pattern}:\n${text}`)));
        function done(settle: () => void) {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
          settle();
        }
        listeners.add(check);
        child.once('exit', onExit);
        check();
      }),
  };
}

/** Opens a data folder's store (DynamoDB and S3) without the app, e.g. between two runs. */
export async function withDataDir<T>(
  dir: string,
  fn: (stack: LocalStack) => Promise<T>,
): Promise<T> {
  const stack = await startLocalStack({ persistDir: dir });
  try {
    return await fn(stack);
  } finally {
    await stack.stop();
  }
}

/** Every job in the store (a test-only scan). */
export async function scanJobs(stack: LocalStack): Promise<AnalysisJob[]> {
  const out = await stack.clients.dynamodb.send(
    new ScanCommand({
      TableName: stack.resources.tableName,
      FilterExpression: 'entity = :job',
      ExpressionAttributeValues: { ':job': 'job' },
    }),
  );
  return (out.Items ?? []) as AnalysisJob[];
}

async function chunkItems(stack: LocalStack, jobId: string) {
  const out = await stack.clients.dynamodb.send(
    new QueryCommand({
      TableName: stack.resources.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :chunk)',
      ExpressionAttributeValues: { ':pk': `JOB#${jobId}`, ':chunk': 'CHUNK#' },
    }),
  );
  return out.Items ?? [];
}

/** Tags every saved chunk fragment of the job: a fragment generated again is written anew
 * (a whole-item put) and loses the tag, so `chunkTags` can count regenerations. */
export async function tagSavedChunks(stack: LocalStack, jobId: string): Promise<number> {
  const items = await chunkItems(stack, jobId);
  for (const item of items) {
    await stack.clients.dynamodb.send(
      new UpdateCommand({
        TableName: stack.resources.tableName,
        Key: { PK: item.PK, SK: item.SK },
        UpdateExpression: 'SET savedBeforeCrash = :yes',
        ExpressionAttributeValues: { ':yes': true },
      }),
    );
  }
  return items.length;
}

/** How many chunk fragments the job has and how many still carry the tag. */
export async function chunkTags(
  stack: LocalStack,
  jobId: string,
): Promise<{ saved: number; tagged: number }> {
  const items = await chunkItems(stack, jobId);
  return { saved: items.length, tagged: items.filter((i) => i.savedBeforeCrash === true).length };
}

export interface DataDirJob {
  job: AnalysisJob;
  chunks: { saved: number; tagged: number };
}

/** Inspects a data folder from a child process (`tag` first tags every saved chunk): the
 * store is opened by a fresh process, as the next run of the app would open it. */
export async function inspectDataDir(dir: string, action: 'tag' | 'report'): Promise<DataDirJob[]> {
  const child = spawnTsx('tools/local-stack/src/testing/inspect-data-dir.ts', [dir, action], {});
  const { code } = await child.exited;
  if (code !== 0) throw new Error(`inspect-data-dir failed (${code}):\n${child.output()}`);
  const line = child.output().trim().split('\n').at(-1) ?? '[]';
  return JSON.parse(line) as DataDirJob[];
}
