import { StudioError, type ErrorCode } from '@tandem/shared';

interface ApiCallErrorLike {
  statusCode?: number;
  isRetryable?: boolean;
  responseHeaders?: Record<string, string>;
  message?: string;
}

/** A provider failure, classified: whether retrying can help and how long the provider asked to wait. */
export interface ProviderFailure {
  error: StudioError;
  retryable: boolean;
  retryAfterMs?: number;
}

/** Classifies anything a provider throws (AI SDK APICallError or plain errors) into a StudioError. */
export function classifyProviderError(error: unknown, model: string): ProviderFailure {
  if (StudioError.is(error)) {
    const retryable = (error.details as { retryable?: boolean } | undefined)?.retryable ?? false;
    return { error, retryable };
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return { error: new StudioError('RUN_ABORTED', 'The call was cancelled', { cause: error }), retryable: false };
  }
  const like = (error ?? {}) as ApiCallErrorLike;
  const status = like.statusCode;
  const code: ErrorCode =
    status === 401 || status === 403
      ? 'PROVIDER_AUTH_FAILED'
      : status === 429
        ? 'PROVIDER_RATE_LIMITED'
        : status !== undefined && status >= 500
          ? 'PROVIDER_UNAVAILABLE'
          : status !== undefined && status >= 400
            ? 'PROVIDER_BAD_REQUEST'
            : 'PROVIDER_ERROR';
  const retryable = like.isRetryable ?? (status === undefined || status === 408 || status === 409 || status === 429 || status >= 500);
  const retryAfterMs = parseRetryAfter(like.responseHeaders);
  const message = `${model}: ${like.message ?? String(error)}`;
  return {
    error: new StudioError(code, message, { cause: error, details: { model, status, retryable } }),
    retryable,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

function parseRetryAfter(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const milliseconds = Number(headers['retry-after-ms']);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const seconds = Number(headers['retry-after']);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  return undefined;
}
