import { AISDKError, APICallError } from '@ai-sdk/provider';
import { StudioError, type ErrorCode } from '@tandem/shared';

/** Where an error came from, for the message and details. */
export interface ProviderErrorContext {
  /** Provider prefix, e.g. `openai`. */
  provider?: string;
  /** Model name or full model string. */
  model?: string;
}

/** Structured facts carried in `StudioError.details` for provider errors (never keys or request bodies). */
export interface ProviderErrorDetails {
  provider?: string;
  model?: string;
  statusCode?: number;
  /** True when the same request may succeed later (429, 5xx, network). */
  retryable: boolean;
  /** Milliseconds the provider asked us to wait (from `retry-after-ms` / `retry-after`). */
  retryAfterMs?: number;
}

function codeForStatus(statusCode: number | undefined): ErrorCode {
  if (statusCode === undefined) return 'PROVIDER_UNAVAILABLE';
  if (statusCode === 401 || statusCode === 403) return 'PROVIDER_AUTH_FAILED';
  if (statusCode === 429) return 'PROVIDER_RATE_LIMITED';
  if (statusCode === 408 || statusCode >= 500) return 'PROVIDER_UNAVAILABLE';
  if (statusCode >= 400) return 'PROVIDER_BAD_REQUEST';
  return 'PROVIDER_ERROR';
}

function parseRetryAfter(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const milliseconds = Number(headers['retry-after-ms']);
  if (headers['retry-after-ms'] !== undefined && Number.isFinite(milliseconds)) return milliseconds;
  const raw = headers['retry-after'];
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const networkErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

function isNetworkError(error: Error): boolean {
  if (error.name === 'TypeError' && /fetch failed|network/i.test(error.message)) return true;
  const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && networkErrorCodes.has(code);
}

function describeSource(context: ProviderErrorContext): string {
  if (context.provider && context.model) return `Provider "${context.provider}" (model "${context.model}")`;
  if (context.provider) return `Provider "${context.provider}"`;
  if (context.model) return `The provider of model "${context.model}"`;
  return 'The provider';
}

/**
 * Maps anything an AI SDK provider (OpenAI-compatible, Anthropic, the
 * simulator) throws to a StudioError, keeping the original as `cause`:
 * 401/403 → `PROVIDER_AUTH_FAILED`, 429 → `PROVIDER_RATE_LIMITED`,
 * 408/5xx/network → `PROVIDER_UNAVAILABLE`, other 4xx (400/404/422…) →
 * `PROVIDER_BAD_REQUEST`, anything else → `PROVIDER_ERROR`. An AbortError
 * becomes `RUN_ABORTED`; a StudioError passes through unchanged.
 *
 * @example
 * try { await model.doStream(options); } catch (error) { throw mapProviderError(error, { provider: 'openai', model: 'gpt-4o-mini' }); }
 */
export function mapProviderError(error: unknown, context: ProviderErrorContext = {}): StudioError {
  if (StudioError.is(error)) return error;
  const source = describeSource(context);
  const base = { provider: context.provider, model: context.model };
  if (APICallError.isInstance(error)) {
    const code = codeForStatus(error.statusCode);
    const details: ProviderErrorDetails = { ...base, statusCode: error.statusCode, retryable: error.isRetryable || code === 'PROVIDER_RATE_LIMITED' || code === 'PROVIDER_UNAVAILABLE' };
    const retryAfterMs = parseRetryAfter(error.responseHeaders);
    if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
    const status = error.statusCode === undefined ? 'could not be reached' : `answered ${error.statusCode}`;
    return new StudioError(code, `${source} ${status}: ${error.message}`, { details, cause: error });
  }
  if (error instanceof Error) {
    if (error.name === 'AbortError') return new StudioError('RUN_ABORTED', 'The model call was cancelled', { details: base, cause: error });
    if (isNetworkError(error)) {
      return new StudioError('PROVIDER_UNAVAILABLE', `${source} could not be reached: ${error.message}`, { details: { ...base, retryable: true }, cause: error });
    }
    const kind = AISDKError.isInstance(error) ? ` (${error.name})` : '';
    return new StudioError('PROVIDER_ERROR', `${source} failed${kind}: ${error.message}`, { details: { ...base, retryable: false }, cause: error });
  }
  return new StudioError('PROVIDER_ERROR', `${source} failed: ${String(error)}`, { details: { ...base, retryable: false } });
}
