import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StudioError, type ErrorBody, type ErrorCode } from '@tandem/shared';
import { isOpenAIPath, openAIErrorBody } from './openai-error.ts';

/** The HTTP status of each error code: the only place codes meet HTTP. */
export const statusByCode: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION_FAILED: 400,
  PIPELINE_INVALID: 422,
  PIPELINE_NOT_FOUND: 404,
  PIPELINE_VERSION_UNSUPPORTED: 422,
  RUN_NOT_FOUND: 404,
  RUN_INPUT_INVALID: 422,
  RUN_NOT_WAITING: 409,
  RUN_ALREADY_FINISHED: 409,
  RUN_LEASE_LOST: 409,
  RUN_ABORTED: 409,
  STEP_NOT_WAITING: 409,
  STEP_TIMEOUT: 504,
  NODE_KIND_UNKNOWN: 422,
  NODE_KIND_DUPLICATE: 500,
  NODE_KIND_INVALID: 500,
  NODE_CONFIG_INVALID: 422,
  NODE_RUN_FAILED: 500,
  GRAPH_CYCLE_DETECTED: 422,
  GRAPH_DUPLICATE_ID: 422,
  GRAPH_DANGLING_EDGE: 422,
  GRAPH_REFERENCE_NOT_UPSTREAM: 422,
  GRAPH_REFERENCE_UNKNOWN: 422,
  GRAPH_REFERENCE_UNKNOWN_FIELD: 422,
  GRAPH_MISSING_INPUT: 422,
  GRAPH_NO_OUTPUT: 422,
  TEMPLATE_INVALID: 422,
  MODEL_UNKNOWN: 422,
  PROVIDER_UNKNOWN: 422,
  PROVIDER_AUTH_FAILED: 502,
  PROVIDER_RATE_LIMITED: 429,
  PROVIDER_UNAVAILABLE: 503,
  PROVIDER_BAD_REQUEST: 502,
  PROVIDER_ERROR: 502,
  OUTPUT_INVALID: 502,
  VALIDATION_CHECK_FAILED: 422,
  SANDBOX_TIMEOUT: 422,
  SANDBOX_MEMORY: 422,
  SANDBOX_ERROR: 422,
  SANDBOX_BUSY: 503,
  SCHEMA_INVALID: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SSRF_BLOCKED: 403,
  HTTP_ACTIVITY_FAILED: 502,
  FUNCTION_UNKNOWN: 422,
  DATASET_NOT_FOUND: 404,
  DATASET_INVALID: 422,
  EXPERIMENT_NOT_FOUND: 404,
  EXPERIMENT_INVALID: 422,
  EXPERIMENT_FINISHED: 409,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL: 500,
};

/** Answers every error as `{ error: { code, message, details } }` with the status of its code (OpenAI's shape under `/v1`). */
export function handleError(error: Error, c: Context): Response {
  const studioError = toAnswerable(error);
  const status = statusByCode[studioError.code] ?? 500;
  const retryAfterMs = (studioError.details as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  if (status === 429 && typeof retryAfterMs === 'number') c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
  if (isOpenAIPath(c.req.path)) return c.json(openAIErrorBody(studioError, status), status);
  const body: ErrorBody = {
    error: { code: studioError.code, message: studioError.message, ...(studioError.details !== undefined ? { details: studioError.details } : {}) },
  };
  return c.json(body, status);
}

/** A StudioError to answer with; anything unexpected is logged and answered as a bare 500. */
function toAnswerable(error: Error): StudioError {
  if (StudioError.is(error)) return error;
  if (error instanceof HTTPException) {
    const status = error.status;
    const code: ErrorCode = status === 404 ? 'NOT_FOUND' : status === 413 ? 'BODY_TOO_LARGE' : status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
    return new StudioError(code, error.message || 'Request refused');
  }
  console.error('Unhandled error', error);
  return new StudioError('INTERNAL', 'Internal server error');
}
