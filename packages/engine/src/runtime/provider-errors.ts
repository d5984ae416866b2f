import { StudioError, type ErrorCode } from '@tandem/shared';

/** Where a failed call went, for the message and the details. */
export interface ProviderErrorSource {
  /** The model string as the pipeline wrote it, e.g. `openai:gpt-4o-mini`. */
  model?: string;
  /** Provider id, when known apart from the model string. */
  provider?: string;
  /** The current time in ms, to read a `Retry-After` HTTP date (default `Date.now`). */
  now?: () => number;
}

/**
 * What every provider failure carries in `StudioError.details` (never keys,
 * URLs or request bodies). Retry loops read it with {@link providerRetryHints}.
 */
export interface ProviderErrorDetails {
  provider?: string;
  model?: string;
  statusCode?: number;
  /** True when the same request may succeed later: 408, 409, 429, 5xx, network failures. */
  retryable: boolean;
  /** How long the provider asked to wait, from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
  retryAfterMs?: number;
}

/** The fields of the AI SDK's `APICallError` that matter here (read by shape: the engine does not import the SDK). */
interface ApiCallErrorShape {
  statusCode?: number;
  isRetryable?: boolean;
  responseHeaders?: Record<string, string>;
  message: string;
}

const apiCallErrorMarker = Symbol.for('vercel.ai.error.AI_APICallError');

/** Connection failures worth another try (the codes Node, undici and the AI SDK report). */
const networkErrorCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ConnectionRefused',
  'ConnectionClosed',
  'FailedToOpenSocket',
]);

/**
 * The one table of provider failures (statuses as the AI SDK reports them):
 *
 * | failure | code | retryable |
 * | --- | --- | --- |
 * | 401, 403 | `PROVIDER_AUTH_FAILED` | no |
 * | 429 | `PROVIDER_RATE_LIMITED` | yes |
 * | 408, 409, 5xx (529 included) | `PROVIDER_UNAVAILABLE` | yes |
 * | other 4xx | `PROVIDER_BAD_REQUEST` | no |
 * | network (ECONNRESET, ECONNREFUSED, ENOTFOUND, ETIMEDOUT, `fetch failed`, …) | `PROVIDER_UNAVAILABLE` | yes |
 * | `AbortError` / `TimeoutError` | `RUN_ABORTED` | no |
 * | anything else | `PROVIDER_ERROR` | no |
 *
 * A StudioError passes through unchanged (it was classified already, or is
 * not a provider failure, e.g. `MODEL_UNKNOWN`). The original is kept as
 * `cause`. This is the only place provider errors are built.
 *
 * @example
 * try { await model.doStream(options); } catch (error) { throw classifyProviderError(error, { model: 'openai:gpt-4o-mini' }); }
 */
export function classifyProviderError(error: unknown, source: ProviderErrorSource = {}): StudioError {
  if (StudioError.is(error)) return error;
  const base: Omit<ProviderErrorDetails, 'retryable'> = {
    ...(source.provider !== undefined ? { provider: source.provider } : {}),
    ...(source.model !== undefined ? { model: source.model } : {}),
  };
  const from = describeSource(source);
  if (isAbort(error)) return new StudioError('RUN_ABORTED', 'The model call was cancelled', { details: base, cause: error });

  const apiCall = asApiCallError(error);
  const statusCode = apiCall?.statusCode;
  if (statusCode !== undefined) {
    const code = codeForStatus(statusCode);
    const details: ProviderErrorDetails = { ...base, statusCode, retryable: isRetryableStatus(statusCode) };
    const retryAfterMs = parseRetryAfter(apiCall!.responseHeaders, source.now ?? Date.now);
    if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
    return new StudioError(code, `${from} answered ${statusCode}: ${apiCall!.message}`, { details, cause: error });
  }
  if (isNetworkFailure(error) || apiCall?.isRetryable === true) {
    const message = error instanceof Error ? error.message : String(error);
    return new StudioError('PROVIDER_UNAVAILABLE', `${from} could not be reached: ${message}`, { details: { ...base, retryable: true }, cause: error });
  }
  const message = error instanceof Error ? `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}` : String(error);
  return new StudioError('PROVIDER_ERROR', `${from} failed: ${message}`, { details: { ...base, retryable: false }, cause: error });
}

/** Whether a failed call may be retried, and how long the provider asked to wait. Non-provider errors are not retryable. */
export function providerRetryHints(error: StudioError): { retryable: boolean; retryAfterMs?: number } {
  const details = error.details as Partial<ProviderErrorDetails> | undefined;
  const retryable = details?.retryable === true;
  return typeof details?.retryAfterMs === 'number' ? { retryable, retryAfterMs: details.retryAfterMs } : { retryable };
}

/**
 * Reads `retry-after-ms` (OpenAI) or `retry-after` (seconds, or an HTTP date)
 * from response headers; undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: Record<string, string> | undefined, now: () => number = Date.now): number | undefined {
  if (!headers) return undefined;
  const header = (name: string) => Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1]?.trim();
  const milliseconds = header('retry-after-ms');
  if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds)) return Math.round(Number(milliseconds));
  const raw = header('retry-after');
  if (raw === undefined || raw === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  // An HTTP date names its day and month (`Wed, 21 Oct 2015 07:28:00 GMT`); bare numbers were handled above.
  const date = /[a-z]/i.test(raw) ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

function codeForStatus(statusCode: number): ErrorCode {
  if (statusCode === 401 || statusCode === 403) return 'PROVIDER_AUTH_FAILED';
  if (statusCode === 429) return 'PROVIDER_RATE_LIMITED';
  if (statusCode === 408 || statusCode === 409 || statusCode >= 500) return 'PROVIDER_UNAVAILABLE';
  if (statusCode >= 400) return 'PROVIDER_BAD_REQUEST';
  return 'PROVIDER_ERROR';
}

function isRetryableStatus(statusCode: number): boolean {
  return statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500;
}

function asApiCallError(error: unknown): ApiCallErrorShape | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const marked = (error as Record<symbol, unknown>)[apiCallErrorMarker] === true;
  const shaped = typeof (error as ApiCallErrorShape).statusCode === 'number' && typeof (error as ApiCallErrorShape).message === 'string';
  return marked || shaped ? (error as ApiCallErrorShape) : undefined;
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ['AbortError', 'TimeoutError', 'ResponseAborted'].includes((error as Error).name);
}

/** A connection-level failure anywhere in the cause chain. */
function isNetworkFailure(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; typeof current === 'object' && current !== null && !seen.has(current); current = (current as Error).cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && networkErrorCodes.has(code)) return true;
    const { name, message } = current as Error;
    if (name === 'TypeError' && typeof message === 'string' && /^(fetch failed|failed to fetch|network ?error)/i.test(message)) return true;
  }
  return false;
}

function describeSource(source: ProviderErrorSource): string {
  if (source.provider && source.model) return `Provider "${source.provider}" (model "${source.model}")`;
  if (source.provider) return `Provider "${source.provider}"`;
  if (source.model) return `Model "${source.model}"`;
  return 'The provider';
}
