import { createLogger } from '@storyboard/runtime';
import { startLocalApp } from '@storyboard/local-stack';
import { createApi } from '../app';

/** An OpenAPI document as JSON. */
export type OpenApiDocument = Record<string, unknown>;

/**
 * The document the API serves at /openapi.json, for each auth mode (they differ only in the
 * `user` security scheme). Built from the real app over an in-memory local stack, so what is
 * linted and turned into client types is exactly what a client downloads.
 */
export async function readOpenApiDocuments(): Promise<Record<'dev' | 'jwt', OpenApiDocument>> {
  const local = await startLocalApp({ backend: 'sync', env: { LOG_LEVEL: 'SILENT' } });
  try {
    const read = async (mode: 'dev' | 'jwt') => {
      const app = createApi({
        container: local.container,
        config: { ...local.config, AUTH_MODE: mode },
        logger: createLogger('api', 'SILENT'),
      });
      const res = await app.request('/openapi.json');
      if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
      return (await res.json()) as OpenApiDocument;
    };
    return { dev: await read('dev'), jwt: await read('jwt') };
  } finally {
    await local.close();
  }
}
