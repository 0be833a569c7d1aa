// The one way the web app talks to the server: JSON in and out, the CSRF header on every write,
// RFC 9457 problem details turned into ApiError with a message a person can act on.

import i18n from 'i18next';

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get fieldErrors(): FieldError[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** The request never reached the server or the answer was unreadable. */
export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('network');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

let csrfToken: string | null = null;
let csrfRefresher: (() => Promise<string | null>) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Lets the auth layer refresh the token (GET /api/auth/me) when a write is refused with 403. */
export function setCsrfRefresher(fn: (() => Promise<string | null>) | null): void {
  csrfRefresher = fn;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function buildQuery(params: Query): string {
  const sp = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    sp.set(key, String(value));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. the Idempotency-Key of an enrolment. */
  headers?: Record<string, string>;
}

const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...opts.headers };
  // The server writes its problems (errors, field messages) in the interface's language; Russian without it.
  const language = i18n.resolvedLanguage ?? i18n.language;
  if (language) headers['Accept-Language'] = language;
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (WRITE_METHODS.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(`/api${path}${buildQuery(opts.query ?? {})}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError(err);
  }
}

async function readProblem(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '');
  if (!text) return { status: res.status };
  try {
    const parsed = JSON.parse(text) as Problem & { message?: string; error?: string };
    return {
      ...parsed,
      // fastify's default error shape uses `message`; keep it if no problem detail is given
      detail: parsed.detail ?? parsed.message,
      title: parsed.title ?? parsed.error,
    };
  } catch {
    return { status: res.status };
  }
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  let res = await send(path, opts);
  if (res.status === 403 && WRITE_METHODS.has(method) && csrfRefresher) {
    // The session token may have changed (signed in elsewhere, server restarted): refresh once.
    const before = csrfToken;
    const fresh = await csrfRefresher().catch(() => null);
    if (fresh && fresh !== before) {
      csrfToken = fresh;
      res = await send(path, opts);
    }
  }
  if (!res.ok) throw new ApiError(res.status, await readProblem(res));
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new NetworkError(err);
  }
}

/**
 * A multipart upload that reports how much of the body has been sent (`fetch` cannot), answered as `api` answers:
 * the parsed body, or an ApiError with the server's problem.
 */
export function uploadWithProgress<T>(path: string, form: FormData, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    const language = i18n.resolvedLanguage ?? i18n.language;
    if (language) xhr.setRequestHeader('Accept-Language', language);
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = async () => {
      const res = new Response(xhr.responseText || null, { status: xhr.status });
      if (!res.ok) return reject(new ApiError(xhr.status, await readProblem(res)));
      try {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      } catch (err) {
        reject(new NetworkError(err));
      }
    };
    xhr.onerror = () => reject(new NetworkError());
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => api<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => api<T>(path, { method: 'POST', body }),
  patch: <T>(path: string, body?: unknown) => api<T>(path, { method: 'PATCH', body }),
  put: <T>(path: string, body?: unknown) => api<T>(path, { method: 'PUT', body }),
  del: <T>(path: string) => api<T>(path, { method: 'DELETE' }),
};
