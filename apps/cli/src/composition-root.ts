import type { ExecutionBackendName } from '@storyboard/runtime';
import { composeApp, parseConfig } from '@storyboard/runtime';
import { startLocalApp } from '@storyboard/local-stack';
import type { LocalApp } from '@storyboard/local-stack';

/**
 * Where a CLI run executes:
 * - `embedded` (the `--backend` flag, or nothing): on this machine. `sync` and
 *   `fire-and-forget` in memory; `sqs` and `stepfunctions` on the in-process local stack,
 *   through the same handlers the Lambdas run.
 * - `environment` (EXECUTION_BACKEND set and no flag): against the resources the environment
 *   names (e.g. a deployed stack), read strictly: a missing setting is an error.
 */
export type CliTarget =
  | { kind: 'embedded'; backend: ExecutionBackendName; persistDir?: string }
  | { kind: 'environment' };

export async function createCliApp(
  target: CliTarget,
  env: Record<string, string | undefined>,
  onBackgroundError: (err: unknown, jobId: string) => void,
): Promise<LocalApp> {
  // Quiet logs (the CLI reports itself); no sync size cap: the CLI is not inside a 29 s
  // API request.
  const quiet = { LOG_LEVEL: 'SILENT', SYNC_MAX_CHARS: '100000000', ...env };
  if (target.kind === 'environment') {
    const config = parseConfig(quiet);
    return { config, container: composeApp(config, { onBackgroundError }), close: async () => {} };
  }
  return startLocalApp({
    backend: target.backend,
    env: quiet,
    persistDir: target.persistDir,
    deadLetterHandler: true,
    onBackgroundError,
  });
}
