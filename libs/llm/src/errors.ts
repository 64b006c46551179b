import { PermanentError } from '@storyboard/domain';

/**
 * The LLM service refused the credentials (HTTP 401/403): retrying cannot help until someone
 * fixes the key or its permissions. The message never holds the key, nor the service's own
 * message (some services echo part of the key back).
 */
export class GeneratorAuthError extends PermanentError {
  readonly code = 'GENERATOR.AUTH_FAILED';
  constructor(readonly status: number) {
    super(
      `The LLM service refused the API key (HTTP ${status}): check QWEN_API_KEY (or the secret QWEN_SECRET_ARN points at) and that the key may call this model in this region.`,
    );
  }
}

/**
 * The LLM service rejected the request itself (HTTP 400, 404, 413, 422, …: unknown model,
 * context too long, content refused): the same request will be rejected again.
 */
export class GeneratorRejectedError extends PermanentError {
  readonly code = 'GENERATOR.REJECTED';
  constructor(
    readonly status: number,
    readonly serviceCode: string | undefined,
    detail: string,
  ) {
    super(
      `The LLM service rejected the request (HTTP ${status}${serviceCode ? `, ${serviceCode}` : ''}): ${detail}`,
    );
  }
}
