/** Every error code Tandem Studio uses. The server maps each to an HTTP status in one table. */
export const errorCodes = [
  'VALIDATION_FAILED',
  'PIPELINE_INVALID',
  'PIPELINE_NOT_FOUND',
  'PIPELINE_VERSION_UNSUPPORTED',
  'RUN_NOT_FOUND',
  'RUN_INPUT_INVALID',
  'RUN_NOT_WAITING',
  'RUN_ALREADY_FINISHED',
  'RUN_LEASE_LOST',
  'RUN_ABORTED',
  'STEP_NOT_WAITING',
  'STEP_TIMEOUT',
  'NODE_KIND_UNKNOWN',
  'NODE_KIND_DUPLICATE',
  'NODE_KIND_INVALID',
  'NODE_CONFIG_INVALID',
  'NODE_RUN_FAILED',
  'GRAPH_CYCLE_DETECTED',
  'GRAPH_DUPLICATE_ID',
  'GRAPH_DANGLING_EDGE',
  'GRAPH_REFERENCE_NOT_UPSTREAM',
  'GRAPH_REFERENCE_UNKNOWN',
  'GRAPH_REFERENCE_UNKNOWN_FIELD',
  'GRAPH_MISSING_INPUT',
  'GRAPH_NO_OUTPUT',
  'TEMPLATE_INVALID',
  'MODEL_UNKNOWN',
  'PROVIDER_UNKNOWN',
  'PROVIDER_AUTH_FAILED',
  'PROVIDER_RATE_LIMITED',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_BAD_REQUEST',
  'PROVIDER_ERROR',
  'OUTPUT_INVALID',
  'VALIDATION_CHECK_FAILED',
  'SANDBOX_TIMEOUT',
  'SANDBOX_MEMORY',
  'SANDBOX_ERROR',
  'SSRF_BLOCKED',
  'HTTP_ACTIVITY_FAILED',
  'SANDBOX_BUSY',
  'FUNCTION_UNKNOWN',
  'DATASET_NOT_FOUND',
  'DATASET_INVALID',
  'EXPERIMENT_NOT_FOUND',
  'EXPERIMENT_INVALID',
  'EXPERIMENT_FINISHED',
  'SCHEMA_INVALID',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

const marker = Symbol.for('tandem.studio.error');

/** An error with a stable code; `details` carries structured facts (field paths, node ids). */
export class StudioError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StudioError';
    this.code = code;
    this.details = options.details;
  }

  /** True for any StudioError, even one from another copy of this module. */
  static is(error: unknown): error is StudioError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/** Normalises anything thrown into a StudioError, keeping the original as `cause`. */
export function toStudioError(error: unknown, fallback: ErrorCode = 'INTERNAL'): StudioError {
  if (StudioError.is(error)) return error;
  if (error instanceof Error) {
    if (error.name === 'AbortError') return new StudioError('RUN_ABORTED', 'The run was cancelled', { cause: error });
    return new StudioError(fallback, error.message, { cause: error });
  }
  return new StudioError(fallback, String(error));
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
