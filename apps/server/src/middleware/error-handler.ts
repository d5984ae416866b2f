import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { StudioError, type ErrorBody, type ErrorCode } from '@tandem/shared';

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

/** Answers every error as `{ error: { code, message, details } }` with the status of its code. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof HTTPException) {
    const status = error.status;
    const code: ErrorCode = status === 404 ? 'NOT_FOUND' : status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
    return c.json({ error: { code, message: error.message || 'Request refused' } } satisfies ErrorBody, status);
  }
  if (StudioError.is(error)) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.details !== undefined ? { details: error.details } : {}) } };
    return c.json(body, statusByCode[error.code] ?? 500);
  }
  console.error('Unhandled error', error);
  return c.json({ error: { code: 'INTERNAL', message: 'Internal server error' } } satisfies ErrorBody, 500);
}
