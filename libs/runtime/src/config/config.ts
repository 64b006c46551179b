import type * as z from 'zod';
import { EXECUTION_BACKENDS } from '@storyboard/domain';
import type { ConfigDocRow } from './config-doc';
import { describeConfig, settingSchema } from './config-doc';
import { BACKENDS_SCHEMA, CONFIG_SCHEMA } from './config-schema';

export { CONFIG_SCHEMA } from './config-schema';

/** Raised when the environment does not describe a runnable app; the message names every
 * variable that is wrong and what it should be. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG.INVALID';
}

type ParsedSettings = z.infer<typeof CONFIG_SCHEMA>;
/** One backend's own settings (`EXECUTION_BACKEND` and what it requires). */
export type BackendSettings = z.infer<typeof BACKENDS_SCHEMA>;
export type AppConfig = ParsedSettings & {
  /** Set by `parseConfig`: the settings of every backend in ENABLED_BACKENDS, the default
   * (EXECUTION_BACKEND) first. Absent: only EXECUTION_BACKEND. */
  enabledBackends?: readonly BackendSettings[];
};
export type ExecutionBackendName = AppConfig['EXECUTION_BACKEND'];

/**
 * Reads the app's settings from the environment once, at start. `EXECUTION_BACKEND` defaults
 * to `sqs` (ARCHITECTURE.md), and each backend's own settings are required only with it.
 * Throws `ConfigError` naming each bad variable.
 */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const input = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = CONFIG_SCHEMA.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || 'environment'} ${i.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}.`);
  }
  const config = parsed.data;
  if (config.AWS_LAMBDA_FUNCTION_NAME && config.STORAGE === 'memory') {
    throw new ConfigError(
      'Invalid configuration: STORAGE=memory cannot work on Lambda (each invocation may get a new process): set STORAGE=aws with TABLE_NAME and BUCKET_NAME.',
    );
  }
  if (config.AWS_LAMBDA_FUNCTION_NAME && config.AUTH_MODE === 'dev') {
    throw new ConfigError(
      'Invalid configuration: AUTH_MODE=dev is refused on Lambda (anyone could claim any user with a header): use AUTH_MODE=jwt behind the API Gateway JWT authorizer.',
    );
  }
  config.AUTH_MODE ??= config.AWS_LAMBDA_FUNCTION_NAME ? 'jwt' : 'dev';
  if (config.GENERATOR === 'qwen' && !config.QWEN_API_KEY && !config.QWEN_SECRET_ARN) {
    throw new ConfigError(
      'Invalid configuration: GENERATOR=qwen needs an API key: set QWEN_API_KEY (locally) or QWEN_SECRET_ARN (on Lambda: the Secrets Manager secret holding it), and LLM_BASE_URL if the endpoint is not Model Studio’s international one; or try it without an account with --fake-llm (CLI and npm start).',
    );
  }
  if (
    config.EXECUTION_BACKEND === 'fire-and-forget' &&
    config.AWS_LAMBDA_FUNCTION_NAME &&
    !config.ALLOW_UNSAFE_FIRE_AND_FORGET
  ) {
    throw new ConfigError(
      'Invalid configuration: EXECUTION_BACKEND=fire-and-forget is refused on Lambda: the environment is frozen as soon as the handler returns, so work scheduled with setImmediate stalls or is lost. Use sqs, stepfunctions or durable, or set ALLOW_UNSAFE_FIRE_AND_FORGET=true only to reproduce the problem in a benchmark.',
    );
  }
  return Object.assign(config, { enabledBackends: parseEnabledBackends(input, config) });
}

/** The settings of `backend` when it is enabled (EXECUTION_BACKEND or in ENABLED_BACKENDS). */
export function backendSettings<N extends ExecutionBackendName>(
  config: AppConfig,
  backend: N,
): Extract<BackendSettings, { EXECUTION_BACKEND: N }> | undefined {
  return (config.enabledBackends ?? [config]).find(
    (s): s is Extract<BackendSettings, { EXECUTION_BACKEND: N }> => s.EXECUTION_BACKEND === backend,
  );
}

/** ENABLED_BACKENDS: the default backend's settings first, then each other listed backend's
 * own settings, read from the same environment as if it were EXECUTION_BACKEND. */
function parseEnabledBackends(
  input: Record<string, string | undefined>,
  config: ParsedSettings,
): BackendSettings[] {
  const listed = (config.ENABLED_BACKENDS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const unknown = listed.filter((b) => !(EXECUTION_BACKENDS as readonly string[]).includes(b));
  if (unknown.length > 0) {
    throw new ConfigError(
      `Invalid configuration: ENABLED_BACKENDS names ${unknown.join(', ')}: use a comma-separated list of ${EXECUTION_BACKENDS.join(', ')}.`,
    );
  }
  const others = [...new Set(listed)].filter((b) => b !== config.EXECUTION_BACKEND);
  return [
    { ...config },
    ...others.map((name) => {
      const parsed = BACKENDS_SCHEMA.safeParse({ ...input, EXECUTION_BACKEND: name });
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`);
        throw new ConfigError(
          `Invalid configuration: ENABLED_BACKENDS includes ${name}, which needs: ${problems.join('; ')}.`,
        );
      }
      const settings = parsed.data;
      if (
        settings.EXECUTION_BACKEND === 'fire-and-forget' &&
        config.AWS_LAMBDA_FUNCTION_NAME &&
        !settings.ALLOW_UNSAFE_FIRE_AND_FORGET
      ) {
        throw new ConfigError(
          'Invalid configuration: ENABLED_BACKENDS includes fire-and-forget, which is refused on Lambda (its work is frozen with the environment); set ALLOW_UNSAFE_FIRE_AND_FORGET=true only in a benchmark.',
        );
      }
      return settings;
    }),
  ];
}

/** Every variable, for `--help` and the README: derived from the schema. */
export const CONFIG_DOC: readonly ConfigDocRow[] = describeConfig(CONFIG_SCHEMA);

/** The settings the app itself reads from a developer's environment (not resource names,
 * which a stack provides). */
export const APP_SETTING_NAMES: readonly string[] = CONFIG_DOC.filter((d) => !d.resource).map(
  (d) => d.name,
);

/**
 * Reads one setting through the schema, before the whole config can be parsed (e.g. the
 * local server's `PORT`, or the backend to start the local stack for). Throws `ConfigError`.
 */
export function readSetting<K extends SettingName>(
  env: Record<string, string | undefined>,
  name: K,
): SettingValue<K> {
  const field = settingSchema(CONFIG_SCHEMA, name);
  const value = env[name] === '' ? undefined : env[name];
  const parsed = field.safeParse(value);
  if (!parsed.success) {
    throw new ConfigError(
      `Invalid configuration: ${name} ${parsed.error.issues[0]?.message ?? 'is invalid'}.`,
    );
  }
  return parsed.data as SettingValue<K>;
}

type AllKeys<T> = T extends unknown ? keyof T : never;
export type SettingName = Extract<AllKeys<ParsedSettings>, string>;
type SettingValue<K extends SettingName> = ParsedSettings extends infer C
  ? C extends Record<K, infer V>
    ? V
    : never
  : never;

/** The local stack's own settings (`npm start`), read before the stack exists. */
export function parseLocalStackSettings(env: Record<string, string | undefined>) {
  return {
    DATA_DIR: readSetting(env, 'DATA_DIR'),
    STOP_DRAIN_MS: readSetting(env, 'STOP_DRAIN_MS'),
    LOCAL_WORKER_TIMEOUT_MS: readSetting(env, 'LOCAL_WORKER_TIMEOUT_MS'),
  };
}
