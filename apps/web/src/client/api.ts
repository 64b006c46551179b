import type { JobView } from '@storyboard/client';
import type { Storyboard } from '@storyboard/domain';

export interface NovelView {
  id: string;
  title: string;
  status: 'awaiting-upload' | 'ready';
  language: 'en' | 'zh' | 'other' | null;
  sizeBytes: number;
  createdAt: string;
  latestJobId: string | null;
}

export type AuthMode = 'dev' | 'jwt';

export interface Session {
  mode: AuthMode;
  /** The user id (dev) or the bearer token (jwt). */
  credential: string;
}

/** An API error, from its problem+json body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
  }
}

export const authHeaders = (s: Session): Record<string, string> =>
  s.mode === 'dev' ? { 'X-User-Id': s.credential } : { Authorization: `Bearer ${s.credential}` };

/** The typed calls the dashboard makes. Same origin unless the build named another API. */
export class Api {
  constructor(
    readonly base: string,
    readonly session: Session,
  ) {}

  async request<T>(method: string, path: string, body?: BodyInit, type?: string): Promise<T> {
    const res = await fetch(this.base + path, {
      method,
      headers: { ...authHeaders(this.session), ...(type ? { 'Content-Type': type } : {}) },
      body,
    });
    if (!res.ok) throw await toApiError(res);
    return (await res.json()) as T;
  }

  listNovels = () => this.request<{ items: NovelView[] }>('GET', '/novels?limit=100');
  novelJobs = (novelId: string) =>
    this.request<{ items: JobView[] }>('GET', `/novels/${novelId}/jobs`);
  getJob = (jobId: string) => this.request<JobView>('GET', `/jobs/${jobId}`);
  getNovel = (novelId: string) => this.request<NovelView>('GET', `/novels/${novelId}`);
  analyze = (novelId: string) =>
    this.request<{ jobId: string } | JobView>('POST', `/novels/${novelId}/analyses`);
  cancel = (jobId: string) => this.request<JobView>('POST', `/jobs/${jobId}/cancel`);
  retry = (jobId: string) =>
    this.request<{ jobId: string } | JobView>('POST', `/jobs/${jobId}/retry`);

  /** Every page of the storyboard, merged. */
  async storyboard(jobId: string): Promise<Storyboard> {
    let path = `/jobs/${jobId}/storyboard?limit=20`;
    let merged: Storyboard | undefined;
    for (;;) {
      const page = await this.request<{ storyboard: Storyboard; links: { next: string | null } }>(
        'GET',
        path,
      );
      merged = merged
        ? { ...merged, chapters: [...merged.chapters, ...page.storyboard.chapters] }
        : page.storyboard;
      if (!page.links.next) return merged;
      path = page.links.next;
    }
  }
}

export async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { code?: string; detail?: string };
    return new ApiError(res.status, body.code ?? 'HTTP', body.detail ?? text);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    return new ApiError(res.status, 'HTTP', text.slice(0, 200) || res.statusText);
  }
}

/** Reads the auth mode from the API's own OpenAPI document (its security scheme). */
export async function detectAuthMode(base: string): Promise<AuthMode> {
  const res = await fetch(`${base}/openapi.json`);
  if (!res.ok) throw await toApiError(res);
  const doc = (await res.json()) as {
    components?: { securitySchemes?: { user?: { type?: string } } };
  };
  return doc.components?.securitySchemes?.user?.type === 'http' ? 'jwt' : 'dev';
}
