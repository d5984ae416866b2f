import type { GraphProblem } from '@tandem/shared';

/** An error answered by the server (`{ error: { code, message, details } }`) or a failed request. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The graph problems a 422 carries in `details.problems`, if any. */
  get problems(): GraphProblem[] {
    const problems = (this.details as { problems?: unknown } | undefined)?.problems;
    return Array.isArray(problems) ? (problems as GraphProblem[]) : [];
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

async function readError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.message) {
      return new ApiError(response.status, body.error.code ?? `HTTP_${response.status}`, body.error.message, body.error.details);
    }
  } catch {
    // Not JSON: fall through to a generic error with the raw text.
  }
  const message = text.trim().slice(0, 300) || response.statusText || 'Request failed';
  return new ApiError(response.status, `HTTP_${response.status}`, message);
}

// The session's CSRF token (GET /api/session): every write made with the session cookie sends it.
let csrfToken: string | undefined;

let onUnauthenticated: (() => void) | undefined;

/** Registers what to do when the server answers 401 (the session ended): the app shows the sign-in page. */
export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

/** Remembers the CSRF token of the signed-in session (undefined after sign-out). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Fetches JSON from the server; throws ApiError with the server's code and message on failure. */
export async function requestJson<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
      signal: init.signal ?? null,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR', `Cannot reach the Tandem server (${(error as Error).message})`);
  }
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/api/session') && !path.startsWith('/api/setup')) onUnauthenticated?.();
    throw await readError(response);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Builds `?a=1&b=2` from the defined entries. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
