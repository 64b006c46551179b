import type { Api, NovelView } from './api';
import { ApiError, authHeaders } from './api';

/** The API takes text/plain bodies up to 5 MB inline; bigger files use a presigned upload. */
export const MAX_INLINE_BYTES = 5 * 1024 * 1024;

/** Sends `body` with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: Blob,
  onProgress: (fraction: number) => void,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', `Could not reach ${url}.`));
    xhr.send(body);
  });
}

function parseOrThrow<T>(res: { status: number; text: string }): T {
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch (err) {
    if (!(err instanceof SyntaxError)) throw err;
    throw new ApiError(res.status, 'HTTP', res.text.slice(0, 200));
  }
  if (res.status >= 400) {
    const p = body as { code?: string; detail?: string };
    throw new ApiError(res.status, p.code ?? 'HTTP', p.detail ?? `HTTP ${res.status}`);
  }
  return body as T;
}

/**
 * Uploads a novel: inline (`POST /novels`, text/plain) when small, otherwise registers it
 * (`POST /novels` JSON) and PUTs the bytes to the presigned URL. Reports 0–1 progress.
 */
export async function uploadNovel(
  api: Api,
  file: File,
  title: string,
  onProgress: (fraction: number) => void,
): Promise<NovelView> {
  if (file.size <= MAX_INLINE_BYTES) {
    const res = await send(
      'POST',
      `${api.base}/novels?title=${encodeURIComponent(title)}`,
      { ...authHeaders(api.session), 'Content-Type': 'text/plain' },
      file,
      onProgress,
    );
    return parseOrThrow<NovelView>(res);
  }
  const registered = await api.request<{
    novel: NovelView;
    upload: { url: string; method?: string; headers?: Record<string, string> };
  }>('POST', '/novels', JSON.stringify({ title, sizeBytes: file.size }), 'application/json');
  const put = await send(
    registered.upload.method ?? 'PUT',
    registered.upload.url,
    registered.upload.headers ?? {},
    file,
    onProgress,
  );
  if (put.status >= 300) {
    throw new ApiError(put.status, 'UPLOAD.FAILED', `The upload was refused (HTTP ${put.status}).`);
  }
  return registered.novel;
}
