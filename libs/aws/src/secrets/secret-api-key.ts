import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The secret could not be read or holds no key. The message names the secret's ARN and
 * what to fix; it never holds the secret's value. */
export class SecretReadError extends Error {
  override readonly name = 'SecretReadError';
  readonly code = 'CONFIG.SECRET_UNREADABLE';
}

const cache = new Map<string, Promise<string>>();

/**
 * The API key in the Secrets Manager secret `arn`: its string value as is, or the `apiKey`
 * field of a JSON object. Read once per process (a Lambda cold start) and cached; a failed
 * read is not cached, so the next chunk tries again.
 */
export function readSecretApiKey(client: SecretsManagerClient, arn: string): Promise<string> {
  const cached = cache.get(arn);
  if (cached) return cached;
  const reading = fetchKey(client, arn);
  cache.set(arn, reading);
  reading.catch(() => cache.delete(arn));
  return reading;
}

async function fetchKey(client: SecretsManagerClient, arn: string): Promise<string> {
  let value: string | undefined;
  try {
    value = (await client.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
  } catch (err) {
    // The SDK's message names the secret and the failure (not found, access denied); it
    // never carries the value, which was not returned.
    const why = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new SecretReadError(
      `Could not read the secret QWEN_SECRET_ARN=${arn} (${why}): check that it exists in this region and that the function's role may call secretsmanager:GetSecretValue on it.`,
    );
  }
  const key = value === undefined ? undefined : keyOf(value);
  if (!key) {
    throw new SecretReadError(
      `The secret QWEN_SECRET_ARN=${arn} holds no API key: store the key as the secret's string, or as JSON {"apiKey": "…"}.`,
    );
  }
  return key;
}

function keyOf(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{')) return trimmed || undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    const key = (parsed as { apiKey?: unknown } | null)?.apiKey;
    return typeof key === 'string' && key.trim() ? key.trim() : undefined;
  } catch {
    // Not JSON after all: a raw key that happens to start with "{".
    return trimmed;
  }
}
