import { describe, expect, it } from 'vitest';
import { StudioError } from '@tandem/shared';
import { providerFailure } from '../testing/fake-models.ts';
import { classifyProviderError, parseRetryAfter, providerRetryHints } from './provider-errors.ts';

const classify = (error: unknown) => {
  const classified = classifyProviderError(error, { model: 'openai:gpt-4o-mini' });
  return { code: classified.code, ...providerRetryHints(classified) };
};

/** A Node fetch failure as undici reports it: a TypeError whose cause carries the socket error code. */
const fetchFailed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code }) });

describe('classifyProviderError', () => {
  it('gives every HTTP status one code and one retryability', () => {
    const table = [401, 403, 400, 404, 422, 408, 409, 429, 500, 502, 503, 529].map((status) => [status, classify(providerFailure(status))]);
    expect(Object.fromEntries(table)).toEqual({
      401: { code: 'PROVIDER_AUTH_FAILED', retryable: false },
      403: { code: 'PROVIDER_AUTH_FAILED', retryable: false },
      400: { code: 'PROVIDER_BAD_REQUEST', retryable: false },
      404: { code: 'PROVIDER_BAD_REQUEST', retryable: false },
      422: { code: 'PROVIDER_BAD_REQUEST', retryable: false },
      408: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
      409: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
      429: { code: 'PROVIDER_RATE_LIMITED', retryable: true },
      500: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
      502: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
      503: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
      529: { code: 'PROVIDER_UNAVAILABLE', retryable: true },
    });
  });

  it('treats connection failures as unavailable and retryable, wherever the code sits in the cause chain', () => {
    for (const code of ['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'UND_ERR_SOCKET']) {
      expect(classify(fetchFailed(code))).toEqual({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    }
    expect(classify(new TypeError('fetch failed'))).toEqual({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    const wrapped = Object.assign(new Error('Cannot connect to API: socket hang up'), { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    expect(classify(wrapped)).toEqual({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  });

  it('makes aborts RUN_ABORTED, never retried', () => {
    expect(classify(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toEqual({ code: 'RUN_ABORTED', retryable: false });
    expect(classify(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toEqual({ code: 'RUN_ABORTED', retryable: false });
  });

  it('does not retry an unknown error, and passes a StudioError through unchanged', () => {
    expect(classify(new SyntaxError('Unexpected token'))).toEqual({ code: 'PROVIDER_ERROR', retryable: false });
    const known = new StudioError('MODEL_UNKNOWN', 'No model "x"');
    expect(classifyProviderError(known)).toBe(known);
  });

  it('carries the Retry-After the provider sent, the model and the status, and keeps the original as cause', () => {
    const original = providerFailure(429, 'Rate limit reached', { 'retry-after': '20' });
    const error = classifyProviderError(original, { model: 'openai:gpt-4o-mini' });
    expect(error.message).toBe('Model "openai:gpt-4o-mini" answered 429: Rate limit reached');
    expect(error.details).toEqual({ model: 'openai:gpt-4o-mini', statusCode: 429, retryable: true, retryAfterMs: 20_000 });
    expect(error.cause).toBe(original);
  });
});

describe('parseRetryAfter', () => {
  it('reads retry-after-ms, seconds and HTTP dates, in any header case', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '1500', 'retry-after': '9' })).toBe(1500);
    expect(parseRetryAfter({ 'Retry-After': '2' })).toBe(2000);
    expect(parseRetryAfter({ 'retry-after': '0.5' })).toBe(500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }, () => now)).toBe(30_000);
    expect(parseRetryAfter({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }, () => now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'soon' })).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '-3' })).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after-ms': 'x' })).toBeUndefined();
  });
});
