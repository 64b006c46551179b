/** The logging the generator does: a subset of Powertools' Logger, so the app's logger can be
 * passed as is. Entries never hold the API key, prompts or answers: only counts and codes. */
export interface LlmLogger {
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
}

export const silentLogger: LlmLogger = { info: () => undefined, warn: () => undefined };
