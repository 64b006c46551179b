import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { EXECUTION_BACKENDS } from '@storyboard/domain';
import { CONFIG_DOC, ConfigError, GENERATOR_NAMES } from '@storyboard/runtime';
import type { ExecutionBackendName } from '@storyboard/runtime';
import { analyze } from './commands/analyze';
import { watch } from './commands/watch';
import { UsageError } from './usage-error';
import { FAKE_LLM_LATENCY_MS, startDemoLlm } from '@storyboard/fake-qwen';
import type { DemoLlm } from '@storyboard/fake-qwen';
import type { CliTarget } from './composition-root';

const DEFAULT_BACKEND = 'sqs';
/** V8's heap grows by this much over the live heap before a full collection (V8: up to 300). */
const CLI_HEAP_GROWING_PERCENT = 100;

export const HELP = `storyboard — turn a novel into a comic storyboard

Usage:
  storyboard analyze <file> [options]
  storyboard watch <jobId> [--api <url>] [--user <id> | --token <jwt>]
  storyboard --help

analyze reads a plain-text novel (UTF-8 with or without BOM, UTF-16, GB18030/GBK, Big5),
runs the analysis job on the chosen backend with a progress bar, and prints a summary.

Options:
  --backend <name>     ${EXECUTION_BACKENDS.join(' | ')} (default ${DEFAULT_BACKEND}), run on
                       this machine: sync and fire-and-forget in memory, sqs and stepfunctions
                       on the embedded local stack (DynamoDB, S3, SQS, Step Functions emulators)
                       through the same handlers that run on Lambda
  --persist <dir>      keep the embedded stack's DynamoDB and S3 data in <dir> between runs
  --generator <name>   ${GENERATOR_NAMES.join(' | ')} (default heuristic, or GENERATOR); qwen needs
                       QWEN_API_KEY (or QWEN_SECRET_ARN) and, for another endpoint, LLM_BASE_URL
  --llm-base-url <url> the OpenAI-compatible endpoint for --generator qwen (or LLM_BASE_URL)
  --fake-llm           demo mode, no account needed: starts fake-qwen (tools/fake-qwen, a local
                       OpenAI-compatible fake that writes storyboards from the chunk text,
                       ${FAKE_LLM_LATENCY_MS} ms per call) on 127.0.0.1 and runs --generator qwen against it
  --out <file.json>    write the storyboard JSON (schema version 1)
  --html <file.html>   write a self-contained HTML page showing the storyboard as comic pages
  --title <title>      the novel's title (default: the title the file states, else its name)
  --stats              after the summary, count the job's storage and queue calls per
                       pipeline step and kind (embedded stack only; sync and fire-and-forget
                       count nothing unless --persist puts them on the stack)
  -h, --help           show this help

watch follows a job on a running API (npm start, or a deployed one) through its event
stream (GET /jobs/{id}/events) with the same progress bar; it polls if the stream fails.
  --api <url>          the API (default http://127.0.0.1:3000, or STORYBOARD_API)
  --user <id>          AUTH_MODE=dev: the X-User-Id to send (or STORYBOARD_USER)
  --token <jwt>        AUTH_MODE=jwt: the bearer token (or STORYBOARD_TOKEN, kept out of history)

Exit codes: 0 done, 1 the job failed (reason printed), 2 bad usage or input,
130 interrupted (Ctrl-C cancels the job; a second Ctrl-C quits at once).

Without --backend, an EXECUTION_BACKEND in the environment means: use the resources the
environment names (e.g. a deployed stack); every setting that backend needs must be set.

Environment (read once at start):
${CONFIG_DOC.map((d) => `  ${d.name.padEnd(29)}${d.values}\n  ${''.padEnd(29)}${d.meaning}`).join('\n')}
`;

export interface CliIo {
  argv: string[];
  /** Aborted on Ctrl-C (SIGINT): the running job is cancelled and the CLI exits 130. */
  signal?: AbortSignal;
  env: Record<string, string | undefined>;
  stdout: { isTTY?: boolean; columns?: number; write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Runs the CLI and returns its exit code; never throws. */
export async function runCli(io: CliIo): Promise<number> {
  let fakeLlm: DemoLlm | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: io.argv,
      allowPositionals: true,
      strict: true,
      options: {
        backend: { type: 'string' },
        generator: { type: 'string' },
        out: { type: 'string' },
        html: { type: 'string' },
        title: { type: 'string' },
        persist: { type: 'string' },
        stats: { type: 'boolean' },
        api: { type: 'string' },
        user: { type: 'string' },
        token: { type: 'string' },
        'llm-base-url': { type: 'string' },
        'fake-llm': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help || positionals.length === 0) {
      io.stdout.write(HELP);
      return values.help ? 0 : 2;
    }
    const [command, file, ...extra] = positionals;
    if (command === 'watch') {
      if (!file) throw new UsageError('watch needs a job id: storyboard watch <jobId>.');
      if (extra.length)
        throw new UsageError(`unexpected argument "${extra[0]}". Run storyboard --help.`);
      const job = await watch(
        {
          jobId: file,
          api: values.api ?? io.env.STORYBOARD_API ?? 'http://127.0.0.1:3000',
          user: values.user ?? io.env.STORYBOARD_USER,
          token: values.token ?? io.env.STORYBOARD_TOKEN,
          signal: io.signal,
        },
        io,
      ).catch((err: unknown) => {
        if (io.signal?.aborted) return undefined; // Ctrl-C: stop watching (the job goes on)
        throw err;
      });
      if (!job) return 130;
      return job.status === 'completed' ? 0 : 1;
    }
    if (command !== 'analyze')
      throw new UsageError(`unknown command "${command}". Run storyboard --help.`);
    if (!file) throw new UsageError('analyze needs a file: storyboard analyze <file>.');
    if (extra.length)
      throw new UsageError(`unexpected argument "${extra[0]}". Run storyboard --help.`);
    const { backend, generator } = values;
    if (backend !== undefined && !(EXECUTION_BACKENDS as readonly string[]).includes(backend)) {
      throw new UsageError(
        `unknown backend "${backend}". Use one of: ${EXECUTION_BACKENDS.join(', ')}.`,
      );
    }
    if (generator !== undefined && !(GENERATOR_NAMES as readonly string[]).includes(generator)) {
      throw new UsageError(
        `unknown generator "${generator}". Use one of: ${GENERATOR_NAMES.join(', ')}.`,
      );
    }
    if (values['fake-llm'] && generator !== undefined && generator !== 'qwen') {
      throw new UsageError('--fake-llm runs the qwen generator: drop --generator or use qwen.');
    }
    const llmUrl = values['llm-base-url'];
    if (llmUrl !== undefined && !URL.canParse(llmUrl)) {
      throw new UsageError(
        `--llm-base-url "${llmUrl}" is not a URL (e.g. http://127.0.0.1:8787/v1).`,
      );
    }
    fakeLlm = values['fake-llm'] ? await startDemoLlm() : undefined;
    const env = {
      ...io.env,
      ...(generator ? { GENERATOR: generator } : {}),
      ...(llmUrl ? { LLM_BASE_URL: llmUrl } : {}),
      ...fakeLlm?.env,
    };
    const target: CliTarget =
      backend === undefined && io.env.EXECUTION_BACKEND
        ? { kind: 'environment' }
        : {
            kind: 'embedded',
            backend: (backend ?? DEFAULT_BACKEND) as ExecutionBackendName,
            persistDir: values.persist,
          };
    if (target.kind === 'environment' && values.persist) {
      throw new UsageError('--persist works only with the embedded stack: add --backend.');
    }
    const status = await analyze(
      {
        file,
        title: values.title,
        out: values.out,
        html: values.html,
        stats: values.stats,
        signal: io.signal,
      },
      target,
      { ...io, env },
    );
    if (io.signal?.aborted) return 130;
    return status === 'completed' ? 0 : 1;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      io.stderr.write(`storyboard: ${err.message}\n`);
      return 2;
    }
    if (
      err instanceof TypeError &&
      'code' in err &&
      String(err.code).startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr.write(`storyboard: ${parseArgsMessage(err)} Run storyboard --help.\n`);
      return 2;
    }
    io.stderr.write(
      `storyboard: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  } finally {
    await fakeLlm?.close();
  }
}

/** Node's parseArgs messages run over several lines and suggest `--` tricks: say what was
 * wrong in one line instead. */
function parseArgsMessage(err: TypeError & { code: unknown }): string {
  const option = /'(-[^' ]*)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option "${option ?? '?'}".`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (!option) return `${err.message.split('\n')[0]}.`;
      return /does not take/.test(err.message)
        ? `option "${option}" takes no value.`
        : `option "${option}" needs a value.`;
    default:
      return `${err.message.split('\n')[0]}.`;
  }
}

if (
  import.meta.url === `file://${process.argv[1]}` ||
  process.argv[1]?.endsWith('apps/cli/src/main.ts')
) {
  // The embedded stack (emulators and job) runs in this process. On a machine with much RAM,
  // V8 lets the heap grow to up to 4× what survived the last full collection before the next
  // one; a 45 MB book then carried 200+ MB of garbage (peak RSS 560-600 MB). Growing 2× instead
  // kept it under 500 MB at the same CPU time (A/B in the issue-11 note). V8 reads this at
  // every collection, so setting it at start-up takes effect.
  setFlagsFromString(`--heap-growing-percent=${CLI_HEAP_GROWING_PERCENT}`);
  const interrupt = new AbortController();
  process.on('SIGINT', () => {
    if (interrupt.signal.aborted) process.exit(130); // a second Ctrl-C: quit now
    interrupt.abort();
  });
  const code = await runCli({
    argv: process.argv.slice(2),
    env: process.env,
    signal: interrupt.signal,
    stdout: process.stdout,
    stderr: process.stderr,
  });
  process.exitCode = code;
  process.removeAllListeners('SIGINT');
}
